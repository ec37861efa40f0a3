using System.Diagnostics;
using System.Security.Cryptography;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// Issue 12 (c): a worker that joins gets its share of the existing pins. Two workers hold a sharded file at
/// replication 1; a third joins; within a few heartbeats the master has moved ranges onto it so that no worker holds
/// more than 110 % of its fair share (placed bytes × its capacity ÷ all capacity), the file still reads exactly through
/// the master, and the old workers released and collected what moved away (their repo sizes drop).
/// </summary>
[Trait("Category", "Elastic")]
public sealed class ElasticRebalanceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Replication 1, sharding above 8 links (a 6 MiB file has 24 leaves of 256 KiB, so thirds are whole leaves).</summary>
    private static readonly Dictionary<string, string> Sharded = new()
    {
        ["IpfsKit__Roles__LinkThreshold"] = "8",
        ["IpfsKit__Roles__MinRangeBytes"] = "262144",
    };

    [Fact]
    public Task ThirdWorkerJoins_TakesRangesOfTheExistingPin_EveryWorkerWithinItsShare() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync(Sharded);
        var old = new[] { await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync() };
        var link = cluster.MasterLink;
        await RoleCluster.EventuallyAsync(() => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 2, Patience, "two workers alive", cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: master and two workers up");

        var content = RandomNumberGenerator.GetBytes(6 * 1024 * 1024);
        var root = (await RoleCluster.Api(master).AddAsync(new MemoryStream(content))).Cid;
        await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => p.Single(x => x.Cid == root.ToString()).State == MasterPinState.Placed, Patience, "the add is placed", cluster.Logs);
        var before = await RoleCluster.PlanAsync(master, root);
        Assert.Equal(2, before.Targets.Count);
        var placed = await RepoSizesAsync(old);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {content.Length:N0} B placed on two workers ({Loads(before)}); their repo sizes {string.Join(" / ", placed.Select(s => $"{s:N0} B"))}");

        var joiner = await cluster.StartWorkerAsync();
        var joinedAt = clock.Elapsed;
        var after = await RoleCluster.EventuallyAsync(
            async () => (Plan: await RoleCluster.PlanAsync(master, root), Workers: await link.ListWorkersAsync()),
            s => s.Plan.Targets.Count == 3 && MaxShare(s.Plan, s.Workers) <= 1.1,
            Patience,
            "the third worker holds ranges and every worker is within 110 % of its share",
            cluster.Logs);
        var share = MaxShare(after.Plan, after.Workers);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: third worker joined; {(clock.Elapsed - joinedAt).TotalSeconds:0.0} s later {Loads(after.Plan)}, most loaded at {share:0.000} of its share");
        Assert.Equal(1, after.Plan.LiveReplicas(_ => true));
        var joinerId = after.Workers.Single(w => w.ApiUrl.Port == joiner.Port).WorkerId;
        Assert.NotEmpty(after.Plan.PlacementsOf(joinerId));
        Assert.Superset(after.Plan.PlacementsOf(joinerId).SelectMany(p => p.Pins).Select(p => p.Cid).ToHashSet(), await RoleCluster.PinsOfAsync(joiner));

        // Reported: the log line and the metrics (bytes moved; the most loaded worker's load ÷ ideal, before and after).
        static bool Phase((string Name, string Labels, double Value) m, string phase) =>
            m.Name.StartsWith("ipfskit_cluster_load_max_share", StringComparison.Ordinal) && m.Labels.Contains($"phase=\"{phase}\"", StringComparison.Ordinal);
        var metrics = await RoleCluster.EventuallyAsync(
            async () => PrometheusText.Parse(await master.Client.GetStringAsync(new Uri("metrics", UriKind.Relative))),
            m => m.Any(x => Phase(x, "after") && x.Value <= 1.1),
            Patience,
            "the master's metrics show the most loaded worker within 110 % of its share",
            cluster.Logs);
        var moved = metrics.Where(m => m.Name.StartsWith("ipfskit_cluster_rebalance_bytes", StringComparison.Ordinal)).Sum(m => m.Value);
        output.WriteLine($"metrics: rebalance bytes {moved:N0}; max share {string.Join(", ", metrics.Where(m => Phase(m, "before") || Phase(m, "after")).Select(m => $"{m.Labels} {m.Value:0.000}"))}");
        Assert.True(moved >= after.Plan.BytesOf(joinerId), $"ipfskit.cluster.rebalance.bytes counted {moved:N0}");
        Assert.Contains(metrics, m => Phase(m, "before"));
        Assert.Contains("Rebalanced: moved", master.Output, StringComparison.Ordinal);

        await using (var body = await RoleCluster.Api(master).CatAsync(root))
        {
            Assert.Equal(SHA256.HashData(content), await SHA256.HashDataAsync(body));
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: cat through the master returns the exact {content.Length:N0} B");

        // Each old worker released what moved away and collected it: its repo drops by at least half of what it gave.
        var ids = old.Select(w => after.Workers.Single(x => x.ApiUrl.Port == w.Port).WorkerId).ToArray();
        var given = ids.Select(id => before.BytesOf(id) - after.Plan.BytesOf(id)).ToArray();
        var collected = await RoleCluster.EventuallyAsync(
            () => RepoSizesAsync(old),
            sizes => sizes.Select((size, i) => given[i] <= 0 || placed[i] - size >= given[i] / 2).All(ok => ok),
            Patience,
            $"the old workers' repos drop by what they gave ({string.Join(" / ", given.Select(g => $"{g:N0} B"))})",
            cluster.Logs);
        Assert.Contains(given, g => g > 0);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: old workers gave {string.Join(" / ", given.Select(g => $"{g:N0} B"))}; repo sizes now {string.Join(" / ", collected.Select(s => $"{s:N0} B"))}");
    });

    /// <summary>
    /// Issue 12 (e): a worker is killed (-9) while ranges move onto it. Replication 2, two workers hold the whole file;
    /// a third joins and rebalancing, limited to 1 MiB/s (one 256 KiB-leaf range or more a 1 s pass), starts moving
    /// ranges onto it; once it holds some but the move is not done, it is killed. From then on, every sampled plan keeps
    /// every leaf on at least one surviving worker (no placement lost); the dead worker's ranges are repaired, the pin
    /// ends placed with 2 live replicas on the two survivors, each holding the pins of its placements, and the file reads
    /// back byte-exact through the master.
    /// </summary>
    [Fact]
    public Task WorkerKilledDuringRebalancing_NoPlacementLost_PinEndsFullyReplicated() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync(new Dictionary<string, string>(Sharded)
        {
            ["IpfsKit__Roles__Replication"] = "2",
            ["IpfsKit__Roles__RebalanceBytesPerSecond"] = "1M",
        });
        var old = new[] { await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync() };
        var link = cluster.MasterLink;
        await RoleCluster.EventuallyAsync(() => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 2, Patience, "two workers alive", cluster.Logs);
        var content = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
        var root = (await RoleCluster.Api(master).AddAsync(new MemoryStream(content))).Cid;
        await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => p.Single(x => x.Cid == root.ToString()).State == MasterPinState.Placed, Patience, "the add is placed", cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {content.Length:N0} B placed at replication 2 on two workers ({Loads(await RoleCluster.PlanAsync(master, root))})");

        var joiner = await cluster.StartWorkerAsync();
        var joinedAt = clock.Elapsed;
        var moving = await RoleCluster.EventuallyAsync(
            async () => (Plan: await RoleCluster.PlanAsync(master, root), Workers: await link.ListWorkersAsync()),
            s => s.Workers.SingleOrDefault(w => w.ApiUrl.Port == joiner.Port) is { } j && s.Plan.Targets.Contains(j.WorkerId),
            Patience,
            "rebalancing moves a first range onto the third worker",
            cluster.Logs);
        await joiner.KillAsync();
        var deadId = moving.Workers.Single(w => w.ApiUrl.Port == joiner.Port).WorkerId;
        var share = MaxShare(moving.Plan, moving.Workers);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {(clock.Elapsed - joinedAt).TotalSeconds:0.0} s after the join, {deadId} holds {moving.Plan.BytesOf(deadId):N0} B (most loaded at {share:0.000} of its share): killed");
        Assert.True(share > 1.1, $"the rebalancing was over before the kill (most loaded at {share:0.000} of its share)");

        var samples = 0;
        var final = await RoleCluster.EventuallyAsync(
            async () =>
            {
                var plan = await RoleCluster.PlanAsync(master, root);
                samples++;
                Assert.True(plan.LiveReplicas(t => t != deadId) >= 1, $"a leaf is held by no surviving worker: {Loads(plan)}");
                return (Plan: plan, Pin: (await link.ListPinsAsync()).Single(x => x.Cid == root.ToString()));
            },
            s => !s.Plan.Targets.Contains(deadId) && s.Pin.State == MasterPinState.Placed && !s.Pin.UnderReplicated && s.Plan.LiveReplicas(t => t != deadId) == 2,
            Patience,
            "the dead worker's ranges are repaired and the pin is fully replicated",
            cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: repaired, {final.Pin.Replication} ({Loads(final.Plan)}); every one of {samples} plans sampled kept each leaf on a survivor");
        Assert.Equal(2 * final.Plan.TotalLeaves, final.Plan.Placements.Sum(p => p.LeafCount));
        var workers = await link.ListWorkersAsync();
        foreach (var survivor in old)
        {
            var id = workers.Single(w => w.ApiUrl.Port == survivor.Port).WorkerId;
            Assert.Superset(final.Plan.PlacementsOf(id).SelectMany(p => p.Pins).Select(p => p.Cid).ToHashSet(), await RoleCluster.PinsOfAsync(survivor));
        }

        await using (var body = await RoleCluster.Api(master).CatAsync(root))
        {
            Assert.Equal(SHA256.HashData(content), await SHA256.HashDataAsync(body));
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: cat through the master returns the exact {content.Length:N0} B");
    });

    /// <summary>The most loaded alive worker's placed bytes over its fair share (weights: free bytes + placed bytes; equal when one states no capacity).</summary>
    private static double MaxShare(ShardPlan plan, IReadOnlyList<WorkerInfo> workers)
    {
        var alive = workers.Where(w => w.State == WorkerState.Alive).ToList();
        var stated = alive.All(w => w.CapacityBytes > 0);
        var weight = alive.ToDictionary(w => w.WorkerId, w => stated ? (double)(w.FreeBytes + plan.BytesOf(w.WorkerId)) : 1d);
        double total = plan.Placements.Sum(p => p.Bytes);
        return alive.Max(w => plan.BytesOf(w.WorkerId) / (total * weight[w.WorkerId] / weight.Values.Sum()));
    }

    private static string Loads(ShardPlan plan) => string.Join(", ", plan.Targets.Select(t => $"{t}: {plan.BytesOf(t):N0} B"));

    private static async Task<long[]> RepoSizesAsync(HostProcess[] workers) =>
        await Task.WhenAll(workers.Select(async w => (await RoleCluster.Api(w).RepoStatAsync()).RepoSize));
}
