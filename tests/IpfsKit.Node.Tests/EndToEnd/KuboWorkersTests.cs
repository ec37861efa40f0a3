using System.Diagnostics;
using System.Security.Cryptography;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using IpfsKit.Testing.PeerRig;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>Three js-ipfs daemons of their own (tests/peers), one of which a test kills.</summary>
public sealed class KuboWorkersFixture() : IpfsPeerFixture(3);

/// <summary>
/// Issue 14 (1): stock Kubo daemons as the workers of a real master process, which polls them itself
/// (IPFS_KIT_KUBO_WORKERS). The daemons are js-ipfs 0.66 (Kubo cannot be installed here); it reports
/// <c>StorageMax</c> 2^53 − 1 (no limit), which the master takes as Kubo's default 10 GB, and answers <c>repo/gc</c>
/// with an empty body (its collection still frees the blocks: checked by the repo sizes after a pin rm on the master). A
/// fourth URL where nothing listens is a member that never joins, not a crash.
/// </summary>
[Trait("Category", "Engines")]
public sealed class KuboWorkersTests(KuboWorkersFixture fixture, ITestOutputHelper output) : IClassFixture<KuboWorkersFixture>
{
    private const long FileLength = (16L * 1024 * 1024) + 4321; // 65 leaves of 256 KiB: above the link threshold of 50
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public Task KuboWorkers_ShardedAdd_LandsOnTheDaemonsReadsBackAndARangeOfAKilledDaemonIsRepaired() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        var daemons = fixture.Peers.Select(p => new KuboRpcTransport(new HttpClient { BaseAddress = p.ApiBase })).ToArray();
        var ids = await Task.WhenAll(daemons.Select(async d => (await d.IdentifyAsync()).Id));
        var silent = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        var master = await cluster.StartMasterAsync(new Dictionary<string, string>
        {
            ["IPFS_KIT_KUBO_WORKERS"] = string.Join(',', fixture.Peers.Select(p => p.ApiBase.AbsoluteUri.TrimEnd('/')).Append(silent.AbsoluteUri)),
        });
        var link = cluster.MasterLink;
        var members = await RoleCluster.EventuallyAsync(
            () => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 3, Patience, "the three daemons joined", cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: master up; members {string.Join(", ", members.Select(m => $"{m.WorkerId[^6..]} {m.Kind} {m.FreeBytes:N0}/{m.CapacityBytes:N0} B"))}; {silent} never answers");
        Assert.Equal(ids.Order(StringComparer.Ordinal), members.Select(m => m.WorkerId).Order(StringComparer.Ordinal));
        Assert.All(members, m => Assert.Equal((MemberKind.Kubo, 10_000_000_000L), (m.Kind, m.CapacityBytes)));
        Assert.Contains(members, m => m.ApiUrl == fixture.Peers[1].ApiBase);

        var before = await Task.WhenAll(daemons.Select(async d => (await d.RepoStatAsync()).RepoSize));
        var content = RandomNumberGenerator.GetBytes((int)FileLength);
        var masterApi = RoleCluster.Api(master);
        var root = (await masterApi.AddAsync(new MemoryStream(content))).Cid;
        await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => p.Single(x => x.Cid == root.ToString()).State == MasterPinState.Placed, Patience, "the add is placed", cluster.Logs);
        var plan = await RoleCluster.PlanAsync(master, root);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {FileLength:N0} B added through the master, placed as {Describe(plan)}");
        Assert.Equal(ids.Order(StringComparer.Ordinal), plan.Targets);
        await AssertHeldAsync(plan, daemons, ids);
        for (var i = 0; i < daemons.Length; i++)
        {
            var grown = (await daemons[i].RepoStatAsync()).RepoSize - before[i];
            output.WriteLine($"  daemon {i}: repo grew {grown:N0} B for {plan.BytesOf(ids[i]):N0} B planned");
            Assert.True(grown >= plan.BytesOf(ids[i]), $"daemon {i} holds {grown:N0} B of its {plan.BytesOf(ids[i]):N0} B");
        }

        Assert.Equal(SHA256.HashData(content), await CatHashAsync(masterApi, root));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: cat through the master returns the {FileLength:N0} B");

        await fixture.KillPeerAsync(1);
        var killedAt = clock.Elapsed;
        var repaired = await RoleCluster.EventuallyAsync(
            async () => (await link.ListPinsAsync()).Single(x => x.Cid == root.ToString()).State == MasterPinState.Placed ? await RoleCluster.PlanAsync(master, root) : plan,
            p => !p.Targets.Contains(ids[1]),
            Patience,
            "the killed daemon's ranges repaired onto the two others",
            cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: daemon 1 killed; {(clock.Elapsed - killedAt).TotalSeconds:0.0} s later repaired as {Describe(repaired)}");
        Assert.Equal(WorkerState.Dead, (await link.ListWorkersAsync()).Single(w => w.WorkerId == ids[1]).State);
        Assert.Equal(repaired.TotalLeaves, repaired.Placements.Sum(p => p.LeafCount));
        await AssertHeldAsync(repaired, daemons, ids);
        Assert.Equal(SHA256.HashData(content), await CatHashAsync(masterApi, root));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: cat through the master still returns the bytes");

        // Garbage collection through the daemons' own pin/rm and repo/gc: the pin removed on the master leaves their disks.
        await masterApi.UnpinAsync(root);
        var survivors = new[] { 0, 2 };
        var after = await RoleCluster.EventuallyAsync(
            async () => await Task.WhenAll(survivors.Select(async i => (await daemons[i].RepoStatAsync()).RepoSize - before[i])),
            grown => grown.All(g => g <= 1024 * 1024),
            Patience,
            "the survivors' repos back within 1 MiB of their size before the add",
            cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: pin rm on the master; the survivors' repos are {string.Join(" / ", after.Select(g => $"{g:N0} B"))} above their size before the add");
    });

    private static async Task<byte[]> CatHashAsync(KuboRpcTransport api, Cid root)
    {
        await using var stream = await api.CatAsync(root);
        return await SHA256.HashDataAsync(stream);
    }

    private static string Describe(ShardPlan plan) =>
        string.Join(", ", plan.Placements.GroupBy(p => p.Target).Select(g => $"{g.Key[^6..]}: {g.Sum(p => p.LeafCount)} leaves in {g.Sum(p => p.Pins.Count)} pins"));

    /// <summary>Every pin of the plan is in its daemon's own <c>pin/ls</c> (a recursive one, or direct for a border node).</summary>
    private static async Task AssertHeldAsync(ShardPlan plan, KuboRpcTransport[] daemons, string[] ids)
    {
        foreach (var group in plan.Placements.GroupBy(p => p.Target))
        {
            var daemon = daemons[Array.IndexOf(ids, group.Key)];
            var pins = new HashSet<(Cid, PinMode)>();
            await foreach (var pin in daemon.ListPinsAsync())
            {
                pins.Add((pin.Cid.ToV1(), pin.Mode));
            }

            foreach (var pin in group.SelectMany(p => p.Pins))
            {
                Assert.True(
                    pins.Contains((pin.Cid.ToV1(), PinMode.Recursive)) || (!pin.Recursive && pins.Contains((pin.Cid.ToV1(), PinMode.Direct))),
                    $"{group.Key} lacks the pin of {pin.Cid}");
            }
        }
    }
}
