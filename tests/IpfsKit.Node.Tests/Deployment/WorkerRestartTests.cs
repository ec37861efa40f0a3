using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using IpfsKit.Content;
using IpfsKit.Node.Tests.Cli;
using IpfsKit.Node.Tests.EndToEnd;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Deployment;

/// <summary>
/// Issue 16 item 4 on real host processes: a worker stopped cleanly (SIGTERM, as a rolling update does) and started
/// again on its data folder within the away grace moves no byte; a drained worker (<c>ipfs-kit worker drain</c>) hands
/// its ranges to the others while it serves, is not ready meanwhile, and then is gone.
/// </summary>
[Trait("Category", "Deployment")]
public sealed class WorkerRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Replication 1, sharding above 8 links: a 6 MiB file (24 leaves) is split across the workers.</summary>
    private static readonly Dictionary<string, string> Sharded = new()
    {
        ["IpfsKit__Roles__LinkThreshold"] = "8",
        ["IpfsKit__Roles__MinRangeBytes"] = "262144",
    };

    [Fact]
    public Task Restart_WorkerStoppedAndStartedOnItsDataWithinTheGrace_NothingMoves() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync(Sharded);
        var workers = new[] { await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync() };
        var (content, root, before) = await AddPlacedAsync(cluster, master, 2);
        var restarting = workers[0];
        var id = await IdOfAsync(cluster, restarting);
        Assert.Contains(before.Targets, t => t.EndsWith(id, StringComparison.Ordinal));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: 6 MiB placed on two workers, {before.Placements.Count} placements");

        Assert.Equal(0, await restarting.TerminateAsync(Patience));
        var away = await WorkerAsync(cluster, id, w => w.State == WorkerState.Away, "the stopped worker is away");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: SIGTERM, the worker left for a restart and is away");

        // Three coordination passes (one a heartbeat) while it is away: its ranges stay where they are.
        await WaitHeartbeatsAsync(cluster, await IdOfAsync(cluster, workers[1]), 3);
        Assert.Equal(ShardPlanJson.Serialize(before), ShardPlanJson.Serialize(await RoleCluster.PlanAsync(master, root)));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: three passes later the plan is unchanged (nothing repaired)");

        var back = await cluster.StartWorkerAsync(new Dictionary<string, string> { ["IPFS_PATH"] = restarting.DataPath });
        Assert.Equal(id, await IdOfAsync(cluster, back));
        var rejoined = await WorkerAsync(cluster, id, w => w.State == WorkerState.Alive, "the restarted worker is alive again");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: started again on its data folder, alive again ({(rejoined.JoinedAt - away.LastHeartbeat).TotalSeconds:0.0} s away)");

        // Past the rebalancing gate (two quiet heartbeats after the membership changed) and two more passes.
        await WaitHeartbeatsAsync(cluster, id, 4);
        Assert.Equal(ShardPlanJson.Serialize(before), ShardPlanJson.Serialize(await RoleCluster.PlanAsync(master, root)));
        Assert.DoesNotContain("repaired onto the survivors", master.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Rebalanced:", master.Output, StringComparison.Ordinal);
        Assert.Superset(PinsOf(before, id), await RoleCluster.PinsOfAsync(back));
        await RoleCluster.AssertReadableAsync(output, content, root, master, back);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: four passes after the rejoin the plan is unchanged, no repair or move logged, the file reads back");
    });

    [Fact]
    public Task Drain_WorkerDecommissioned_RangesOnTheOthersBeforeItLeavesThenGone() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync(Sharded);
        var workers = new[] { await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync() };
        var (content, root, before) = await AddPlacedAsync(cluster, master, 3);
        var leaving = workers[2];
        var id = await IdOfAsync(cluster, leaving);
        Assert.Contains(before.Targets, t => t.EndsWith(id, StringComparison.Ordinal));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: 6 MiB placed on three workers, {before.BytesOf(before.Targets.Single(t => t.EndsWith(id, StringComparison.Ordinal))):N0} B on the one to drain");

        var notWorker = await CliProcess.RunAsync(["worker", "drain", .. CliProcess.At(master, RoleCluster.Token)]);
        Assert.Equal(1, notWorker.ExitCode);
        Assert.Contains("only a worker drains", notWorker.StandardError, StringComparison.Ordinal);

        var drain = CliProcess.RunAsync(["worker", "drain", .. CliProcess.At(leaving, RoleCluster.Token)]);
        var notReady = await RoleCluster.EventuallyAsync(
            () => ReadyAsync(leaving), r => r.Status == HttpStatusCode.ServiceUnavailable, Patience, "the draining worker is not ready", cluster.Logs);
        Assert.Contains("drain", notReady.Body, StringComparison.Ordinal);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: worker drain started; /ready 503: {notReady.Body.Trim()}");

        var done = await drain;
        Assert.True(done.ExitCode == 0, done.StandardError);
        Assert.Contains("drained", done.StandardOutput, StringComparison.Ordinal);
        var after = await RoleCluster.PlanAsync(master, root);
        Assert.DoesNotContain(after.Targets, t => t.EndsWith(id, StringComparison.Ordinal));
        Assert.Equal(WorkerState.Left, (await WorkerAsync(cluster, id, _ => true, "the drained worker is known")).State);
        Assert.Contains("is drained", master.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ReadyAsync(leaving)).Status);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: drained; the plan names only the others ({after.Targets.Count} targets, {after.TotalBytes:N0} B); left");

        await leaving.KillAsync(); // gone: every byte must come from the others
        Assert.DoesNotContain("left the master for a restart", leaving.Output, StringComparison.Ordinal);
        await RoleCluster.AssertReadableAsync(output, content, root, master, workers[0]);
        Assert.Equal(WorkerState.Left, (await WorkerAsync(cluster, id, _ => true, "the drained worker is known")).State);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: the drained worker is gone; the file reads back from the others");
    });

    private static async Task<(byte[] Content, Cid Root, ShardPlan Plan)> AddPlacedAsync(RoleCluster cluster, HostProcess master, int workers)
    {
        var link = cluster.MasterLink;
        await RoleCluster.EventuallyAsync(() => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == workers, Patience, $"{workers} workers alive", cluster.Logs);
        var content = RandomNumberGenerator.GetBytes(6 * 1024 * 1024);
        var root = (await RoleCluster.Api(master).AddAsync(new MemoryStream(content))).Cid;
        await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => p.Single(x => x.Cid == root.ToString()).State == MasterPinState.Placed, Patience, "the add is placed", cluster.Logs);
        var plan = await RoleCluster.EventuallyAsync(
            () => RoleCluster.PlanAsync(master, root), p => p.Targets.Count == workers, Patience, $"the plan spans the {workers} workers", cluster.Logs);
        return (content, root, plan);
    }

    private static async Task<string> IdOfAsync(RoleCluster cluster, HostProcess worker) =>
        (await RoleCluster.EventuallyAsync(
            () => cluster.MasterLink.ListWorkersAsync(), w => w.Any(x => x.ApiUrl.Port == worker.Port && x.State == WorkerState.Alive), Patience, "the worker is known", cluster.Logs))
        .Single(x => x.ApiUrl.Port == worker.Port).WorkerId;

    private static async Task<WorkerInfo> WorkerAsync(RoleCluster cluster, string id, Func<WorkerInfo, bool> done, string what) =>
        (await RoleCluster.EventuallyAsync(
            () => cluster.MasterLink.ListWorkersAsync(), w => w.Any(x => x.WorkerId == id && done(x)), Patience, what, cluster.Logs))
        .Single(x => x.WorkerId == id);

    /// <summary>Waits until the master has recorded <paramref name="beats"/> more heartbeats of a worker (a pass runs every interval).</summary>
    private static async Task WaitHeartbeatsAsync(RoleCluster cluster, string id, int beats)
    {
        var from = (await WorkerAsync(cluster, id, _ => true, "the worker is known")).LastHeartbeat;
        await WorkerAsync(cluster, id, w => w.LastHeartbeat >= from + (RoleCluster.Heartbeat * beats), $"{beats} more heartbeats of {id}");
    }

    private static HashSet<Cid> PinsOf(ShardPlan plan, string id) =>
        [.. plan.Placements.Where(p => p.Target.EndsWith(id, StringComparison.Ordinal)).SelectMany(p => p.Pins).Select(p => p.Cid)];

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(HostProcess host)
    {
        using var ready = await host.Client.GetAsync(new Uri("ready", UriKind.Relative));
        return (ready.StatusCode, await ready.Content.ReadAsStringAsync());
    }
}
