using System.Diagnostics;
using System.Security.Cryptography;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Testing.PeerRig;
using IpfsKit.Testing.Streams;
using IpfsKit.Tests.Transports.KuboRpc;
using IpfsKit.Transports;
using Xunit.Abstractions;
using static IpfsKit.Tests.Sharding.ShardingTestKit;

namespace IpfsKit.Tests.Sharding;

/// <summary>Three js-ipfs peers of their own (one of them is killed by the test).</summary>
public sealed class ThreePeerFixture() : IpfsPeerFixture(3);

/// <summary>Tests in this collection share three real IPFS peers.</summary>
[CollectionDefinition("IpfsThreePeers")]
public sealed class IpfsThreePeersCollection : ICollectionFixture<ThreePeerFixture>
{
}

/// <summary>
/// Sharding end to end on three real js-ipfs daemons, swarm-connected: two ~60 MiB files, one planned over a flat
/// cluster, one over two zones; executed through the Kubo RPC transport; checked with pin ls, block/stat and repo stat;
/// read back through <see cref="ClusterBlockSource"/> from each daemon; then a daemon is killed, declared dead by the
/// <see cref="TargetHealthMonitor"/> and its ranges repaired onto the survivors.
/// </summary>
[Collection("IpfsThreePeers")]
[Trait("Category", "Sharding")]
[Trait("Category", "EndToEnd")]
public sealed class ShardingEndToEndTests(ThreePeerFixture fixture, ITestOutputHelper output)
{
    private const long FileLength = (60L * 1024 * 1024) + 4321;
    private const int Victim = 1;

    [Fact]
    public async Task ShardedFiles_ThreeDaemons_EachHoldsItsRangesReadsFromAnyAndSurvivesADeath()
    {
        var clock = Stopwatch.StartNew();
        var nodes = fixture.Peers.Select(p => (IIpfsTransport)KuboTestClients.Transport(p.ApiBase)).ToArray();
        await ConnectAllAsync(nodes);
        await ReportRepoAsync(nodes, "before");

        var options = new ShardingOptions { LinkThreshold = 50, MinRangeBytes = 1024 * 1024 };
        var flatIds = new[] { "peer-0", "peer-1", "peer-2" };
        var zoneIds = new[] { "zone-a/peer-0", "zone-a/peer-1", "zone-b/peer-2" };
        var flat = await ShardAsync("flat", Flat(3), flatIds, nodes, options, seed: 101, new ImportOptions());
        var zones = await ShardAsync("zones", EmbeddedShardCluster.TwoZones(), zoneIds, nodes, options, seed: 202, new ImportOptions { CidVersion = 1 });
        await ReportRepoAsync(nodes, "after sharding");
        output.WriteLine($"sharded and checked in {clock.Elapsed.TotalSeconds:F1} s");

        await fixture.KillPeerAsync(Victim);
        var monitor = new TargetHealthMonitor(Map(zoneIds, nodes), new TargetHealthOptions { FailureThreshold = 2, CheckTimeout = TimeSpan.FromSeconds(2) });
        var died = new List<string>();
        monitor.TargetDead += (_, e) => died.Add(e.Target);
        for (var round = 0; round < 5 && died.Count == 0; round++)
        {
            await monitor.CheckAsync();
        }

        Assert.Equal([zoneIds[Victim]], died);
        output.WriteLine($"{zoneIds[Victim]} declared dead after {monitor.Options.FailureThreshold} failed checks, at {clock.Elapsed.TotalSeconds:F1} s");

        var survivors = Enumerable.Range(0, 3).Where(i => i != Victim).ToArray();
        using var executor = await ShardExecutor.OpenAsync();
        var repairer = new ShardRepairer(executor);
        foreach (var (file, ids) in new[] { (flat, flatIds), (zones, zoneIds) })
        {
            var alive = survivors.ToDictionary(i => ids[i], i => nodes[i]);
            var repair = await repairer.RepairAsync(file.Plan, file.File.Outline, file.File.Topology, ids[Victim], alive, file.File.Origin, options);
            repair.Execution.EnsureSuccess();
            output.WriteLine($"{file.File.Name}: repair moved {repair.Execution.BytesSent:N0} bytes in {repair.Execution.BlocksSent} blocks to "
                + string.Join(", ", repair.RepairPlan.Placements.Select(p => $"{p.Target} [{p.FirstLeaf}, +{p.LeafCount})")));
            Assert.DoesNotContain(repair.Plan.Placements, p => p.Target == ids[Victim]);
            if (file.File.Name == "zones")
            {
                Assert.All(repair.RepairPlan.Placements, p => Assert.Equal("zone-a/peer-0", p.Target));
            }

            await file.File.AssertPinnedAsync(repair.Plan, alive);
            foreach (var start in alive.Keys)
            {
                await file.File.AssertReadableAsync(repair.Plan, alive, start);
            }
        }

        await ReportRepoAsync(survivors.Select(i => nodes[i]).ToArray(), "after repair", survivors);
        output.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s");
    }

    private async Task<(ShardedFile File, ShardPlan Plan)> ShardAsync(
        string name, ClusterNode topology, string[] ids, IIpfsTransport[] nodes, ShardingOptions options, ulong seed, ImportOptions import)
    {
        var clock = Stopwatch.StartNew();
        var (origin, root) = await ImportAsync(FileLength, seed, import);
        byte[] hash;
        using (var content = new SeededRandomStream((ulong)seed, FileLength))
        {
            hash = await SHA256.HashDataAsync(content);
        }

        var outline = await DagOutlineReader.ReadAsync(origin, root);
        var file = new ShardedFile(name, origin, root, hash, outline, topology, options);
        var plan = ShardPlanner.Plan(outline, topology, options);
        var targets = Map(ids, nodes);
        using var executor = await ShardExecutor.OpenAsync(new ShardExecutorOptions { MaxParallelTargets = 3 });
        var result = await executor.ExecuteAsync(plan, targets, origin);
        result.EnsureSuccess();
        output.WriteLine($"{name}: {plan.TotalLeaves} leaves, {plan.TotalBytes:N0} DAG bytes, {outline.Nodes.Count} internal nodes; "
            + $"executed in {clock.Elapsed.TotalSeconds:F1} s, {result.BytesSent:N0} bytes in {result.BlocksSent} blocks");
        foreach (var placement in plan.Placements)
        {
            output.WriteLine($"  {placement.Target}: leaves [{placement.FirstLeaf}, +{placement.LeafCount}), {placement.Bytes:N0} bytes, "
                + $"{placement.Pins.Count(p => p.Recursive)} recursive + {placement.Pins.Count(p => !p.Recursive)} direct pins");
        }

        Assert.Equal(3, plan.Placements.Select(p => p.Target).Distinct().Count());
        await file.AssertPinsExactlyAsync(plan, targets);
        await file.AssertOtherRangesAbsentAsync(plan, targets);
        foreach (var start in ids)
        {
            await file.AssertReadableAsync(plan, targets, start);
        }

        output.WriteLine($"{name}: checked in {clock.Elapsed.TotalSeconds:F1} s");
        return (file, plan);
    }

    private static Dictionary<string, IIpfsTransport> Map(string[] ids, IIpfsTransport[] nodes) =>
        ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => nodes[p.i], StringComparer.Ordinal);

    private static async Task ConnectAllAsync(IIpfsTransport[] nodes)
    {
        var addresses = new List<string>();
        foreach (var node in nodes)
        {
            var id = await node.IdentifyAsync();
            addresses.Add(id.Addresses.First(a => a.Contains("/tcp/", StringComparison.Ordinal) && !a.Contains("/ws", StringComparison.Ordinal)));
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            for (var j = i + 1; j < nodes.Length; j++)
            {
                await nodes[i].SwarmConnectAsync(addresses[j]);
            }
        }
    }

    private async Task ReportRepoAsync(IIpfsTransport[] nodes, string when, int[]? indexes = null)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            var stat = await nodes[i].RepoStatAsync();
            output.WriteLine($"repo stat {when}: peer {indexes?[i] ?? i}: {stat.RepoSize:N0} bytes, {stat.NumObjects} blocks");
        }
    }
}
