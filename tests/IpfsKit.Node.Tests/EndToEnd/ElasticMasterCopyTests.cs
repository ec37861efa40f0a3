using System.Diagnostics;
using System.Security.Cryptography;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// Issue 12 (b): the master keeps no full copy. A master (replication 2, default <c>MasterKeeps=InteriorNodes</c>) and
/// three workers on loopback; a sharded file added through the master is placed, then the master drops its leaves and
/// holds under a tenth of the file; the file reads back byte-exact through the master and through a worker (the master
/// fetching leaves from the workers that hold them); a worker is killed and its ranges are repaired from the surviving
/// replicas, since the master has none of them.
/// </summary>
[Trait("Category", "Elastic")]
[Trait("Category", "EndToEnd")]
public sealed class ElasticMasterCopyTests(ITestOutputHelper output)
{
    private const int FileBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public Task MasterAdd_PlacedAtReplication_MasterDropsLeavesReadsAndRepairsThroughWorkers() => RoleCluster.RunAsync(output, RunAsync);

    private async Task RunAsync(RoleCluster cluster)
    {
        var clock = Stopwatch.StartNew();
        var settings = new Dictionary<string, string> { ["IpfsKit__Roles__Replication"] = "2" };
        var master = await cluster.StartMasterAsync(settings);
        var workers = new[] { await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync() };
        var link = cluster.MasterLink;
        var members = await RoleCluster.EventuallyAsync(
            () => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 3, Patience, "three workers alive", cluster.Logs);
        Step("master and three workers up", clock);

        var content = RandomNumberGenerator.GetBytes(FileBytes);
        var masterApi = RoleCluster.Api(master);
        var root = (await masterApi.AddAsync(new MemoryStream(content))).Cid;
        var spooled = await masterApi.RepoStatAsync();
        Assert.True(spooled.RepoSize >= FileBytes, $"the master spools the add: {spooled.RepoSize:N0} B");
        Step($"added {FileBytes:N0} B through the master, spooled there: {spooled.RepoSize:N0} B in {spooled.NumObjects} blocks", clock);

        await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => p.Single(x => x.Cid == root.ToString()).State == MasterPinState.Placed, Patience, "the add is placed", cluster.Logs);
        var plan = await RoleCluster.PlanAsync(master, root);
        Assert.Equal(2, plan.Replication);
        Assert.Equal(3, plan.Targets.Count);
        Step($"placed: {plan.Placements.Count} placements on {plan.Targets.Count} workers, {plan.TotalLeaves} leaves", clock);

        var dropped = await RoleCluster.EventuallyAsync(
            () => masterApi.RepoStatAsync(), r => r.RepoSize < FileBytes / 10, Patience, "the master drops the leaves", cluster.Logs);
        await AssertNoLeavesAsync(masterApi, dropped, root);
        Step($"master dropped its leaves: {dropped.RepoSize:N0} B in {dropped.NumObjects} interior block(s) = {100.0 * dropped.RepoSize / FileBytes:0.000} % of the file", clock);

        await RoleCluster.AssertReadableAsync(output, content, root, ("master", master), ("worker", workers[0]));
        var afterReads = await masterApi.RepoStatAsync();
        Assert.Equal(dropped.NumObjects, afterReads.NumObjects); // the leaves read through the workers are cached in memory only
        Step($"master after the reads: {afterReads.RepoSize:N0} B on disk", clock);

        // The master crashes and restarts on its folder: the pin stays dropped (nothing spooled again) and reads still work.
        await master.KillAsync();
        master = await cluster.StartMasterAsync(new Dictionary<string, string>(settings) { ["IPFS_PATH"] = master.DataPath });
        masterApi = RoleCluster.Api(master);
        await RoleCluster.EventuallyAsync(
            () => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 3, Patience, "the workers are back after the restart", cluster.Logs);
        var restarted = await masterApi.RepoStatAsync();
        Assert.Equal((dropped.RepoSize, dropped.NumObjects), (restarted.RepoSize, restarted.NumObjects));
        await AssertNoLeavesAsync(masterApi, restarted, root);
        Assert.Equal(MasterPinState.Placed, (await link.ListPinsAsync()).Single(x => x.Cid == root.ToString()).State);
        Step($"master killed and restarted on its folder: {restarted.RepoSize:N0} B in {restarted.NumObjects} block(s), pin still placed", clock);
        await RoleCluster.AssertReadableAsync(output, content, root, ("restarted master", master));

        // A worker is killed: its ranges are repaired from the surviving replicas (the master has no leaf to send).
        var (dead, survivors) = (workers[0], workers[1..]);
        var deadId = members.Single(m => m.ApiUrl.Port == dead.Port).WorkerId;
        await dead.KillAsync();
        var repaired = await RoleCluster.EventuallyAsync(
            () => RoleCluster.PlanAsync(master, root), p => !p.Targets.Contains(deadId), Patience, "the dead worker's ranges are repaired", cluster.Logs);
        Assert.Equal(2 * repaired.TotalLeaves, repaired.Placements.Sum(p => p.LeafCount));
        Assert.Equal(2, repaired.Targets.Count);
        var pins = await link.ListPinsAsync();
        Assert.Equal(MasterPinState.Placed, pins.Single(x => x.Cid == root.ToString()).State);
        Step($"worker {deadId} killed and repaired: {repaired.Placements.Count} placements on the {repaired.Targets.Count} survivors", clock);

        await RoleCluster.AssertReadableAsync(output, content, root, ("master", master), ("survivor", survivors[0]), ("survivor", survivors[1]));
        var end = await masterApi.RepoStatAsync();
        Assert.True(end.RepoSize < FileBytes / 10, $"the master still holds under a tenth of the file: {end.RepoSize:N0} B");
        Step($"master after the repair: {end.RepoSize:N0} B in {end.NumObjects} block(s)", clock);

        // pin rm through the master: the pin leaves the pinset and the interior nodes it kept are released.
        await masterApi.UnpinAsync(root);
        Assert.DoesNotContain(await link.ListPinsAsync(), p => p.Cid == root.ToString());
        await foreach (var pin in masterApi.ListPinsAsync())
        {
            Assert.Fail($"the master still pins {pin.Cid} ({pin.Mode}) after pin rm");
        }

        Step("pin rm: the master's pinset and local pins are empty", clock);
    }

    /// <summary>Every block the master holds is an interior node it keeps by a direct pin; the only recursive pin it lists is the cluster's.</summary>
    private static async Task AssertNoLeavesAsync(KuboRpcTransport masterApi, RepoStat repo, Cid root)
    {
        var pins = new List<PinEntry>();
        await foreach (var pin in masterApi.ListPinsAsync())
        {
            pins.Add(pin);
        }

        // The recursive pins it lists are the cluster's (its pinset), held by the workers: its spool of them is gone.
        Assert.Equal([root], pins.Where(p => p.Mode == PinMode.Recursive).Select(p => p.Cid));
        Assert.Equal(repo.NumObjects, pins.Count); // each block it keeps listed once: the root as the cluster's recursive pin, the others direct
    }

    private void Step(string what, Stopwatch clock) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
}
