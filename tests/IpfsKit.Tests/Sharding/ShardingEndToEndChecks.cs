using System.Security.Cryptography;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Transports;
using static IpfsKit.Tests.Sharding.ShardingTestKit;

namespace IpfsKit.Tests.Sharding;

/// <summary>What the end-to-end test checks on real daemons, one sharded file at a time.</summary>
internal sealed record ShardedFile(string Name, MemoryBlockStore Origin, Cid Root, byte[] Sha256, DagOutline Outline, ClusterNode Topology, ShardingOptions Options)
{
    /// <summary>How long a daemon is given to answer for a block it must not have (js-ipfs waits for ever).</summary>
    private static readonly TimeSpan AbsentTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Each target's pins of this DAG are exactly its placements' pins.</summary>
    public async Task AssertPinsExactlyAsync(ShardPlan plan, IReadOnlyDictionary<string, IIpfsTransport> targets)
    {
        var dag = (await DagCidsAsync(Origin, Root)).Select(c => c.ToV1()).ToHashSet();
        foreach (var (id, transport) in targets)
        {
            var held = new HashSet<(Cid, PinMode)>();
            await foreach (var pin in transport.ListPinsAsync())
            {
                if (dag.Contains(pin.Cid.ToV1()))
                {
                    held.Add((pin.Cid.ToV1(), pin.Mode));
                }
            }

            var expected = plan.Placements.Where(p => p.Target == id)
                .SelectMany(p => p.Pins).Select(p => (p.Cid.ToV1(), p.Recursive ? PinMode.Recursive : PinMode.Direct)).ToHashSet();
            Assert.True(expected.SetEquals(held), $"{Name}: {id} pins {held.Count} of this DAG, its placements {expected.Count}");
        }
    }

    /// <summary>Every pin of the plan is in place on its target (other pins may be there too).</summary>
    public async Task AssertPinnedAsync(ShardPlan plan, IReadOnlyDictionary<string, IIpfsTransport> targets)
    {
        foreach (var group in plan.Placements.GroupBy(p => p.Target))
        {
            var held = new HashSet<Cid>();
            await foreach (var pin in targets[group.Key].ListPinsAsync())
            {
                held.Add(pin.Cid.ToV1());
            }

            Assert.All(group.SelectMany(p => p.Pins), p => Assert.Contains(p.Cid.ToV1(), held));
        }

        var covered = plan.Placements.SelectMany(p => Enumerable.Range((int)p.FirstLeaf, (int)p.LeafCount)).Order().ToList();
        Assert.Equal(Enumerable.Range(0, (int)plan.TotalLeaves), covered);
    }

    /// <summary>A leaf of each other placement is absent from each target: block/stat fails or does not answer in 2 s.</summary>
    public async Task AssertOtherRangesAbsentAsync(ShardPlan plan, IReadOnlyDictionary<string, IIpfsTransport> targets)
    {
        var leaves = Leaves(Outline);
        var probes = new List<Task<(string Target, Cid Leaf, bool Present)>>();
        foreach (var (id, transport) in targets)
        {
            var mine = plan.Placements.Where(p => p.Target == id).ToList();
            foreach (var other in plan.Placements.Where(p => p.Target != id))
            {
                var leaf = Enumerable.Range((int)other.FirstLeaf, (int)other.LeafCount)
                    .FirstOrDefault(i => !mine.Any(m => i >= m.FirstLeaf && i < m.FirstLeaf + m.LeafCount), -1);
                if (leaf >= 0)
                {
                    probes.Add(ProbeAsync(id, transport, leaves[leaf]));
                }
            }
        }

        var results = await Task.WhenAll(probes);
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.False(r.Present, $"{Name}: {r.Target} holds {r.Leaf}, a leaf outside its ranges"));
    }

    /// <summary>Reads the file through a <see cref="ClusterBlockSource"/> starting from <paramref name="start"/>; asserts its hash.</summary>
    public async Task AssertReadableAsync(ShardPlan plan, IReadOnlyDictionary<string, IIpfsTransport> targets, string start)
    {
        var source = new ClusterBlockSource(plan, targets, new ClusterBlockSourceOptions { PreferredTarget = start, AttemptTimeout = TimeSpan.FromSeconds(5) });
        await using var stream = await new UnixFsReader(source).OpenReadAsync(Root);
        Assert.Equal(Sha256, await SHA256.HashDataAsync(stream));
    }

    private static async Task<(string, Cid, bool)> ProbeAsync(string id, IIpfsTransport transport, Cid leaf)
    {
        using var timeout = new CancellationTokenSource(AbsentTimeout);
        try
        {
            await transport.StatBlockAsync(leaf, timeout.Token);
            return (id, leaf, true);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IpfsKitException)
        {
            return (id, leaf, false);
        }
    }
}
