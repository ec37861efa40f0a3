using System.Security.Cryptography;
using System.Text;
using IpfsKit.Content;
using IpfsKit.Node.Internal;
using IpfsKit.Node.Tests.Cli;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using IpfsKit.Transports;
using Parquet.Serialization;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// The roles end to end with real processes on loopback: a leecher adds while the master is down, the master starts
/// and the outbox drains exactly once, two workers join, a large add is sharded across them, one worker is killed,
/// the master declares it dead and repairs, and the file stays readable from every node still running.
/// </summary>
[Trait("Category", "Roles")]
[Trait("Category", "EndToEnd")]
public sealed class RolesEndToEndTests(ITestOutputHelper output)
{
    private const int OfflineAdds = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public Task MasterWorkersLeecher_OutboxShardingDeathAndRepair_EverythingReadableEverywhere() => RoleCluster.RunAsync(output, RunAsync);

    private async Task RunAsync(RoleCluster cluster)
    {
        // 1. The leecher adds while the master is down: every add is kept locally and queued.
        var leecher = await cluster.StartLeecherAsync();
        var leecherApi = RoleCluster.Api(leecher);
        var offline = new List<Cid>();
        for (var i = 0; i < OfflineAdds; i++)
        {
            var reading = Encoding.UTF8.GetBytes($"{{\"sensor\":\"t-{i}\",\"celsius\":{20 + (i * 0.25)}}}");
            offline.Add((await leecherApi.AddAsync(new MemoryStream(reading))).Cid);
        }

        Assert.Equal(OfflineAdds, offline.Distinct().Count());
        Assert.Contains("degraded", await leecher.Client.GetStringAsync(new Uri("health", UriKind.Relative)), StringComparison.Ordinal);
        output.WriteLine($"leecher queued {OfflineAdds} adds while the master was down");

        // 2. The master starts: the outbox drains, once.
        // One replica on two workers: the dead worker's ranges are repaired from the master's own copy (ElasticMasterCopyTests
        // covers the default, where the master drops its leaves and a repair reads the surviving replica).
        var master = await cluster.StartMasterAsync(new Dictionary<string, string> { ["IpfsKit__Roles__MasterKeeps"] = "Everything" });
        var link = cluster.MasterLink;
        var pins = await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => offline.All(c => p.Any(x => x.Cid == c.ToString())), Patience, "the leecher's adds reach the master", cluster.Logs);
        Assert.Equal(OfflineAdds, pins.Count(p => p.Source == "forwarded"));
        Assert.Equal(OfflineAdds, pins.Select(p => p.Cid).Distinct().Count());
        var masterApi = RoleCluster.Api(master);
        foreach (var cid in offline)
        {
            await using var body = await masterApi.CatAsync(cid);
            Assert.StartsWith("{\"sensor\":", await new StreamReader(body).ReadToEndAsync(), StringComparison.Ordinal);
        }

        var forwarded = PrometheusText.Parse(await master.Client.GetStringAsync(new Uri("metrics", UriKind.Relative)))
            .Where(m => m.Name.StartsWith("ipfskit_roles_forwarded_operations", StringComparison.Ordinal)).ToList();
        Assert.Equal(OfflineAdds, forwarded.Where(m => m.Labels.Contains("outcome=\"applied\"", StringComparison.Ordinal)).Sum(m => m.Value));
        Assert.Equal(0, forwarded.Where(m => m.Labels.Contains("outcome=\"duplicate\"", StringComparison.Ordinal)).Sum(m => m.Value));
        output.WriteLine($"master pinset after the drain: {pins.Count} pins, {pins.Count(p => p.Source == "forwarded")} forwarded; forwarded operations applied {OfflineAdds}, duplicates 0");

        // 3. Two workers join.
        var workers = new[] { await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync() };
        var members = await RoleCluster.EventuallyAsync(
            () => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 2, Patience, "two workers alive", cluster.Logs);
        string IdOf(HostProcess worker) => members.Single(m => m.ApiUrl.Port == worker.Port).WorkerId;

        // 4. A large add through the master is sharded across both workers.
        var content = RandomNumberGenerator.GetBytes(24 * 1024 * 1024);
        var root = (await masterApi.AddAsync(new MemoryStream(content))).Cid;
        var placed = await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => p.Single(x => x.Cid == root.ToString()).State == MasterPinState.Placed, Patience, "the large add is placed", cluster.Logs);
        var plan = await RoleCluster.PlanAsync(master, root);
        Assert.Equal(2, plan.Targets.Count);
        foreach (var worker in workers)
        {
            var held = await RoleCluster.PinsOfAsync(worker);
            var expected = plan.Placements.Where(p => p.Target.EndsWith(IdOf(worker), StringComparison.Ordinal)).SelectMany(p => p.Pins).Select(p => p.Cid).ToHashSet();
            Assert.NotEmpty(expected);
            Assert.Superset(expected, held);
            output.WriteLine($"worker {worker.Port}: {plan.Placements.Where(p => p.Target.EndsWith(IdOf(worker), StringComparison.Ordinal)).Sum(p => p.Bytes):N0} B placed, {held.Count} pins held");
        }

        await RoleCluster.AssertReadableAsync(output, content, root, master, leecher, workers[0], workers[1]);
        using (var export = await master.Client.PostAsync(new Uri("api/v0/metadata/export", UriKind.Relative), null))
        {
            export.EnsureSuccessStatusCode();
            var rows = (await ParquetSerializer.DeserializeAsync<PinMetadataRow>(new MemoryStream(await export.Content.ReadAsByteArrayAsync()))).Data;
            var row = rows.Single(r => r.Cid == root.ToString());
            Assert.Equal("master", row.Role);
            Assert.All(workers, w => Assert.Contains(IdOf(w), row.Placement, StringComparison.Ordinal));
            Assert.NotNull(row.PinnedAt);
        }

        // The operator's view through the CLI: the master's workers, and the plan as a tree.
        var peers = await CliProcess.RunAsync(["peers", .. CliProcess.At(master, RoleCluster.Token)]);
        Assert.Equal(0, peers.ExitCode);
        Assert.StartsWith("2 member(s)", peers.StandardOutput, StringComparison.Ordinal);
        Assert.All(workers, w => Assert.Contains(IdOf(w), peers.StandardOutput, StringComparison.Ordinal));
        var tree = await CliProcess.RunAsync(["shard", "plan", root.ToString(), "--show", .. CliProcess.At(master, RoleCluster.Token)]);
        Assert.Equal(0, tree.ExitCode);
        Assert.All(workers, w => Assert.Contains(IdOf(w), tree.StandardOutput, StringComparison.Ordinal));
        output.WriteLine("ipfs-kit peers:\n" + peers.StandardOutput + "ipfs-kit shard plan --show (head):\n" + string.Join('\n', tree.StandardOutput.Split('\n').Take(8)));

        // 5. Kill a worker: the master declares it dead and repairs its ranges onto the survivor.
        var (dead, survivor) = (workers[0], workers[1]);
        var deadId = IdOf(dead);
        await dead.KillAsync();
        var killedAt = System.Diagnostics.Stopwatch.StartNew();
        await RoleCluster.EventuallyAsync(
            () => link.ListWorkersAsync(), w => w.Single(x => x.WorkerId == deadId).State == WorkerState.Dead, Patience, "the killed worker is declared dead", cluster.Logs);
        var declaredDead = killedAt.Elapsed;
        await RoleCluster.EventuallyAsync(
            () => RoleCluster.PlanAsync(master, root), p => !p.Targets.Any(t => t.EndsWith(deadId, StringComparison.Ordinal)), Patience, "the dead worker's ranges are repaired", cluster.Logs);
        var repaired = killedAt.Elapsed;
        var after = await RoleCluster.PlanAsync(master, root);
        var survivorPins = await RoleCluster.PinsOfAsync(survivor);
        Assert.Superset(after.Placements.SelectMany(p => p.Pins).Select(p => p.Cid).ToHashSet(), survivorPins);
        output.WriteLine($"worker killed: declared dead after {declaredDead.TotalSeconds:0.0} s, repaired after {repaired.TotalSeconds:0.0} s; survivor holds {after.TotalBytes:N0} B of the file in {survivorPins.Count} pins");

        await RoleCluster.AssertReadableAsync(output, content, root, master, leecher, survivor);
    }
}
