using System.Security.Cryptography;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Roles;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master;
using IpfsKit.Sharding;
using IpfsKit.Testing.PeerRig;
using IpfsKit.Testing.Streams;
using IpfsKit.Tests.Transports.KuboRpc;
using IpfsKit.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace IpfsKit.Tests.Roles.Master;

/// <summary>Three js-ipfs peers of their own, acting as the master's workers.</summary>
public sealed class MasterWorkersFixture() : IpfsPeerFixture(3);

/// <summary>
/// The master coordinator on real targets: an embedded master (built by <c>UseRole(NodeRole.Master)</c>) shards a
/// 20 MiB file across three js-ipfs daemons registered as workers with their API URLs, then one worker stops beating,
/// is declared dead after the missed heartbeats (manual clock), and its ranges are repaired onto the two others;
/// finally the pin is removed and its placements are released on the alive workers.
/// </summary>
[Trait("Category", "Roles")]
[Trait("Category", "EndToEnd")]
public sealed class MasterCoordinatorTests(MasterWorkersFixture fixture, ITestOutputHelper output) : IClassFixture<MasterWorkersFixture>, IDisposable
{
    private const long FileLength = (20L * 1024 * 1024) + 123;
    private static readonly string[] WorkerIds = ["worker-0", "worker-1", "worker-2"];
    private readonly string _folder = Directory.CreateTempSubdirectory("ipfskit-master-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RunOnceAsync_ThreeDaemonWorkers_PlacesShardsThenRepairsADeadWorkersRanges()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = Master(time);
        var (ipfs, master, coordinator, daemons) = await JoinedAsync(provider);

        AddResult added;
        using (var content = new SeededRandomStream(77, FileLength))
        {
            added = await ipfs.AddAsync(content);
        }

        var pending = Assert.Single(await master.ListPinsAsync());
        Assert.Equal((added.Cid.ToString(), MasterPinState.Pending, "local"), (pending.Cid, pending.State, pending.Source));

        var first = await coordinator.RunOnceAsync();

        Assert.Equal((1, 0, 0), (first.Placed, first.Repaired, first.Failed));
        var placed = Assert.Single(await master.ListPinsAsync());
        Assert.Equal(MasterPinState.Placed, placed.State);
        Assert.Equal(WorkerIds, placed.Targets);
        var plan = (await master.GetPlanAsync(added.Cid))!;
        Report("placed", plan);
        await AssertHeldAsync(plan, daemons);
        Assert.Contains(await ipfs.ListPinsAsync(PinMode.Recursive).ToListAsync(), p => p.Cid.ToV1() == added.Cid.ToV1()); // the master keeps its copy

        // worker-1 stops beating: 16 s later (> 5 s × 3) it is declared dead.
        foreach (var step in new[] { 8, 8 })
        {
            time.Advance(TimeSpan.FromSeconds(step));
            Assert.NotNull(await master.HeartbeatAsync(new WorkerHeartbeat("worker-0", 10L << 30, 10L << 30, 1)));
            Assert.NotNull(await master.HeartbeatAsync(new WorkerHeartbeat("worker-2", 10L << 30, 10L << 30, 1)));
        }

        var second = await coordinator.RunOnceAsync();

        Assert.Equal(["worker-1"], second.DeadWorkers);
        Assert.Equal((2, 0, 1, 0), (second.AliveWorkers, second.Placed, second.Repaired, second.Failed));
        var repaired = (await master.GetPlanAsync(added.Cid))!;
        Report("repaired", repaired);
        Assert.DoesNotContain("worker-1", repaired.Targets);
        Assert.Equal(repaired.TotalLeaves, repaired.Placements.Sum(p => p.LeafCount));
        var kept = plan.Placements.Where(p => p.Target != "worker-1").Select(Range).ToList();
        Assert.Equal(kept, repaired.Placements.Select(Range).Where(kept.Contains)); // nothing else moved
        await AssertHeldAsync(repaired, daemons);
        Assert.Null(await master.HeartbeatAsync(new WorkerHeartbeat("worker-1", 10L << 30, 10L << 30, 1)));
        Assert.Equal(MasterPinState.Placed, (await master.ListPinsAsync())[0].State);

        var third = await coordinator.RunOnceAsync();
        Assert.Equal((0, 0, 0, 0), (third.Placed, third.Repaired, third.Failed, third.Reclaimed));

        // worker-1 comes back with its old pins: the next pass releases there what was repaired away; once the membership
        // has settled (2 heartbeat intervals), a pass rebalances: worker-1 holds nothing of the plan, so ranges move back
        // onto it until every worker is within 110 % of its share.
        var stale = plan.PlacementsOf("worker-1").SelectMany(p => p.Pins).Select(p => p.Cid.ToV1()).ToHashSet();
        Assert.NotEmpty(stale);
        Assert.True(stale.IsSubsetOf(await PinnedAsync(daemons[1])), "worker-1 still holds its old pins before it comes back");
        await master.JoinAsync(new WorkerJoinRequest("worker-1", fixture.Peers[1].ApiBase, 10L << 30, 10L << 30));
        var back = await coordinator.RunOnceAsync();

        Assert.Equal((3, 0, 0, 0, 1), (back.AliveWorkers, back.Placed, back.Repaired, back.Failed, back.Reclaimed));
        Assert.Equal(0, back.RebalancedBytes); // worker-1 joined this pass: the membership has not settled
        await BeatAsync(time, master, TimeSpan.FromSeconds(5));
        Assert.Equal(0, (await coordinator.RunOnceAsync()).RebalancedBytes); // 5 s < 2 × 5 s
        await BeatAsync(time, master, TimeSpan.FromSeconds(5));
        var moved = await coordinator.RunOnceAsync();
        Assert.True(moved.RebalancedBytes > 0, "nothing moved onto the worker that came back");
        var rebalanced = (await master.GetPlanAsync(added.Cid))!;
        Report("rebalanced", rebalanced);
        Assert.Equal(WorkerIds, rebalanced.Targets);
        Assert.Equal(rebalanced.TotalLeaves, rebalanced.Placements.Sum(p => p.LeafCount));
        var placedBack = rebalanced.PlacementsOf("worker-1").SelectMany(p => p.Pins).Select(p => p.Cid.ToV1()).ToHashSet();
        Assert.Empty(stale.Except(placedBack).Intersect(await PinnedAsync(daemons[1])));
        await AssertHeldAsync(rebalanced, daemons);
        var settled = await coordinator.RunOnceAsync(); // releases what moved away from worker-0 and worker-2
        Assert.True(settled.Reclaimed >= 1, "what moved away was not released on its old workers");
        Assert.Equal(0, settled.RebalancedBytes); // balanced: nothing more moves
        Assert.Equal(0, (await coordinator.RunOnceAsync()).Reclaimed);
        repaired = rebalanced;

        // Unpinned on the master: the next pass releases its placements on the alive workers.
        await ipfs.UnpinAsync(added.Cid);
        var fourth = await coordinator.RunOnceAsync();

        Assert.Equal(1, fourth.Released);
        Assert.Empty(await master.ListPinsAsync());
        foreach (var placement in repaired.Placements)
        {
            var daemon = daemons[Array.IndexOf(WorkerIds, placement.Target)];
            var pins = (await daemon.ListPinsAsync().ToListAsync()).Select(p => p.Cid.ToV1()).ToHashSet();
            Assert.DoesNotContain(placement.Pins, pin => pins.Contains(pin.Cid.ToV1()));
        }
    }

    /// <summary>
    /// A file and a directory wrapping it are two pins whose plans place many of the same CIDs on the same workers;
    /// removing the directory must not unpin what the file's plan still needs there.
    /// </summary>
    [Fact]
    public async Task RunOnceAsync_RemovedPinSharesBlocksWithALivePin_KeepsTheSharedPins()
    {
        await using var provider = Master(TimeProvider.System);
        var (ipfs, master, coordinator, daemons) = await JoinedAsync(provider);

        AddResult file, directory;
        using (var content = new SeededRandomStream(78, FileLength))
        {
            file = await ipfs.AddAsync(content);
        }

        using (var content = new SeededRandomStream(78, FileLength))
        {
            directory = await ipfs.AddAsync(content, new AddOptions { FileName = "f.bin", Import = ImportOptions.UnixFsV0Of2015 with { WrapWithDirectory = true } });
        }

        Assert.Equal(2, (await coordinator.RunOnceAsync()).Placed);
        var filePlan = (await master.GetPlanAsync(file.Cid))!;
        var directoryPlan = (await master.GetPlanAsync(directory.Cid))!;
        static HashSet<(string, Cid)> Placed(ShardPlan plan) => plan.Placements.SelectMany(p => p.Pins.Select(pin => (p.Target, pin.Cid.ToV1()))).ToHashSet();
        var shared = Placed(filePlan).Intersect(Placed(directoryPlan)).ToList();
        output.WriteLine($"{shared.Count} (worker, CID) pins are in both plans");
        Assert.NotEmpty(shared); // the premise: the two plans do share pins on the same workers

        await ipfs.UnpinAsync(directory.Cid);
        Assert.Equal(1, (await coordinator.RunOnceAsync()).Released);

        await AssertHeldAsync(filePlan, daemons);
        var onlyDirectory = Placed(directoryPlan).Except(Placed(filePlan)).ToList();
        foreach (var (target, cid) in onlyDirectory)
        {
            Assert.DoesNotContain(cid, await PinnedAsync(daemons[Array.IndexOf(WorkerIds, target)]));
        }

        await ipfs.UnpinAsync(file.Cid);
        Assert.Equal(1, (await coordinator.RunOnceAsync()).Released);
    }

    /// <summary>
    /// With <see cref="MasterKeeps.Nothing"/>, the pass that places a pin drops every block of it from the master (the
    /// root too); the file still reads back byte-exact through the master (from the daemons holding each range, none
    /// asked for a block it does not hold), and pin rm works although the master pins nothing of it any more.
    /// </summary>
    [Fact]
    public async Task RunOnceAsync_MasterKeepsNothing_DropsEveryBlockAndReadsThroughTheWorkers()
    {
        await using var provider = Master(TimeProvider.System, MasterKeeps.Nothing);
        var (ipfs, master, coordinator, _) = await JoinedAsync(provider);
        AddResult added;
        using (var content = new SeededRandomStream(79, FileLength))
        {
            added = await ipfs.AddAsync(content);
        }

        var local = await ipfs.GetTransportAsync();
        Assert.True((await local.RepoStatAsync()).RepoSize > FileLength);

        Assert.Equal(1, (await coordinator.RunOnceAsync()).Placed);

        var repo = await local.RepoStatAsync();
        output.WriteLine($"after placement the master holds {repo.RepoSize:N0} B in {repo.NumObjects} blocks");
        Assert.Equal((0L, 0L), (repo.RepoSize, repo.NumObjects));
        Assert.Equal([new PinEntry(added.Cid, PinMode.Recursive)], await ipfs.ListPinsAsync().ToListAsync()); // the cluster's pin, held by the workers
        byte[] expected;
        using (var content = new SeededRandomStream(79, FileLength))
        {
            expected = await SHA256.HashDataAsync(content);
        }

        await using (var read = await ipfs.CatAsync(added.Cid))
        {
            Assert.Equal(expected, await SHA256.HashDataAsync(read));
        }

        Assert.Equal(0L, (await local.RepoStatAsync()).NumObjects); // read through the workers, cached in memory only
        await ipfs.UnpinAsync(added.Cid);
        Assert.Empty(await master.ListPinsAsync());
        Assert.Equal(1, (await coordinator.RunOnceAsync()).Released);
    }

    /// <summary>An embedded master (small link threshold and ranges, so a 20 MiB file is split) with its own folder.</summary>
    private ServiceProvider Master(TimeProvider time, MasterKeeps keeps = MasterKeeps.Everything)
    {
        var services = new ServiceCollection().AddSingleton(time);
        services.AddIpfsKit().UseEmbeddedNode(s => s.Path = _folder).UseRole(NodeRole.Master, r =>
        {
            r.LinkThreshold = 50;
            r.MinRangeBytes = 1024 * 1024;
            r.MasterKeeps = keeps; // Everything by default: one replica, the master's copy is what a dead worker's ranges are repaired from
        });
        return services.BuildServiceProvider();
    }

    /// <summary>The master's parts, with the three daemons joined as workers.</summary>
    private async Task<(IIpfsKit Ipfs, MasterNode Master, MasterCoordinator Coordinator, IIpfsTransport[] Daemons)> JoinedAsync(ServiceProvider provider)
    {
        var master = provider.GetRequiredService<MasterNode>();
        for (var i = 0; i < 3; i++)
        {
            await master.JoinAsync(new WorkerJoinRequest(WorkerIds[i], fixture.Peers[i].ApiBase, 10L << 30, 10L << 30));
        }

        var daemons = fixture.Peers.Select(p => (IIpfsTransport)KuboTestClients.Transport(p.ApiBase)).ToArray();
        return (provider.GetRequiredService<IIpfsKit>(), master, provider.GetRequiredService<MasterCoordinator>(), daemons);
    }

    /// <summary>Moves the clock on; every worker beats.</summary>
    private static async Task BeatAsync(FakeTimeProvider time, MasterNode master, TimeSpan by)
    {
        time.Advance(by);
        foreach (var id in WorkerIds)
        {
            Assert.NotNull(await master.HeartbeatAsync(new WorkerHeartbeat(id, 10L << 30, 10L << 30, 1)));
        }
    }

    private static async Task AssertHeldAsync(ShardPlan plan, IIpfsTransport[] daemons)
    {
        foreach (var group in plan.Placements.GroupBy(p => p.Target))
        {
            var daemon = daemons[Array.IndexOf(WorkerIds, group.Key)];
            var pins = (await daemon.ListPinsAsync().ToListAsync()).Select(p => (p.Cid.ToV1(), p.Mode)).ToHashSet();
            foreach (var pin in group.SelectMany(p => p.Pins))
            {
                Assert.True(
                    pins.Contains((pin.Cid.ToV1(), PinMode.Recursive)) || (!pin.Recursive && pins.Contains((pin.Cid.ToV1(), PinMode.Direct))),
                    $"{group.Key} lacks the pin of {pin.Cid}");
            }
        }
    }

    private static async Task<HashSet<Cid>> PinnedAsync(IIpfsTransport daemon) =>
        (await daemon.ListPinsAsync().ToListAsync()).Where(p => p.Mode is PinMode.Recursive or PinMode.Direct).Select(p => p.Cid.ToV1()).ToHashSet();

    private static (string, int, long, long) Range(ShardPlacement p) => (p.Target, p.Replica, p.FirstLeaf, p.LeafCount);

    private void Report(string when, ShardPlan plan)
    {
        output.WriteLine($"{when}: {plan.TotalLeaves} leaves, {plan.TotalBytes:N0} bytes");
        foreach (var p in plan.Placements)
        {
            output.WriteLine($"  {p.Target}: [{p.FirstLeaf}, +{p.LeafCount}) {p.Bytes:N0} bytes, {p.Pins.Count} pins");
        }
    }
}
