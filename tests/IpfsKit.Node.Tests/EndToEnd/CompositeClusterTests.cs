using System.Diagnostics;
using System.Security.Cryptography;
using IpfsKit.Content;
using IpfsKit.Node.Tests.Cli;
using IpfsKit.Roles.Coordination;
using IpfsKit.Transports;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// Issue 13: a composite cluster as the seed tells it, ten real node-host processes on loopback: a root master
/// (replication 2), three sub-cluster masters that joined it as members (<c>IPFS_KIT_ROLE=master</c> with
/// <c>MASTER_NODE</c> = the root; replication 1 inside each), two workers under each. Thresholds are scaled down so that a
/// ~100 MiB file is split by the root into shares for the sub-clusters and split again by each sub-master. Checks:
/// the root and every sub-master keep under 5 % of the file; each worker holds 0.8–1.2 × its fair share; the file reads
/// back byte-exact through the root and through a worker; a killed worker is repaired inside its own sub-cluster (the
/// other sub-clusters' workers receive nothing); a killed sub-master is repaired by the root from the other replicas and
/// the file stays readable.
/// </summary>
[Trait("Category", "Composite")]
[Trait("Category", "EndToEnd")]
public sealed class CompositeClusterTests(ITestOutputHelper output)
{
    private const int FileBytes = 100 * 1024 * 1024;
    private const int Replication = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public Task RootOverThreeSubClusters_ReShardsPerLevel_ReadsAnywhere_HealsAtTheRightLevel() => RoleCluster.RunAsync(output, RunAsync);

    private async Task RunAsync(RoleCluster cluster)
    {
        var clock = Stopwatch.StartNew();
        var root = await cluster.StartMasterAsync(new Dictionary<string, string>
        {
            ["IpfsKit__Roles__Replication"] = Replication.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MAX_STORAGE"] = "1G",
        });
        var subs = new List<HostProcess>();
        var workers = new List<HostProcess[]>();
        for (var s = 0; s < 3; s++)
        {
            var sub = await cluster.StartAsync("master", cluster.MasterUrl, new Dictionary<string, string> { ["IpfsKit__Roles__Replication"] = "1", ["MAX_STORAGE"] = "1G" });
            var subUrl = new Uri($"http://127.0.0.1:{sub.Port}/");
            subs.Add(sub);
            workers.Add([
                await cluster.StartAsync("worker", subUrl, new Dictionary<string, string> { ["MAX_STORAGE"] = "400M" }),
                await cluster.StartAsync("worker", subUrl, new Dictionary<string, string> { ["MAX_STORAGE"] = "400M" })]);
        }

        var rootLink = cluster.MasterLink;
        var members = await RoleCluster.EventuallyAsync(
            () => rootLink.ListWorkersAsync(),
            m => m.Count(x => x.State == WorkerState.Alive && x.Kind == MemberKind.Master && x.Members == 2) == 3,
            Patience, "the root sees three sub-clusters of two workers", cluster.Logs);
        var subIds = subs.Select(s => members.Single(m => m.ApiUrl.Port == s.Port).WorkerId).ToList();
        Step($"10 processes up; root members: {string.Join(", ", members.Select(m => $"{m.Kind} {m.WorkerId[^6..]} ({m.Members} members, {m.FreeBytes / 1048576} MiB free)"))}", clock);

        var content = RandomNumberGenerator.GetBytes(FileBytes);
        var rootApi = RoleCluster.Api(root);
        var cid = (await rootApi.AddAsync(new MemoryStream(content))).Cid;
        Step($"added {FileBytes:N0} B through the root: {cid}", clock);

        await RoleCluster.EventuallyAsync(
            () => rootLink.ListPinsAsync(), p => p.Single(x => x.Cid == cid.ToString()).State == MasterPinState.Placed, Patience, "the root places the file", cluster.Logs);
        var plan = await RoleCluster.PlanAsync(root, cid);
        Assert.Equal(Replication, plan.Replication);
        Assert.Equal(subIds.Order(StringComparer.Ordinal), plan.Targets);
        Step($"root plan: {plan.Placements.Count} placements on the 3 sub-clusters ({string.Join(", ", plan.Targets.Select(t => $"{t[^6..]} {plan.BytesOf(t) / 1048576.0:0.0} MiB"))})", clock);

        foreach (var sub in subs)
        {
            var pins = await RoleCluster.EventuallyAsync(
                () => RoleCluster.LinkTo(sub).ListPinsAsync(), p => p.Count > 0 && p.All(x => x.State == MasterPinState.Placed), Patience, $"sub-master {sub.Port} places its range", cluster.Logs);
            Step($"sub-master {sub.Port}: {pins.Count} pins of its range placed on its workers", clock);
        }

        foreach (var master in subs.Prepend(root))
        {
            var stat = await RoleCluster.EventuallyAsync(
                () => RoleCluster.Api(master).RepoStatAsync(), r => r.RepoSize < FileBytes / 20, Patience, $"master {master.Port} keeps under 5 % of the file", cluster.Logs);
            Step($"master {master.Port} keeps {stat.RepoSize:N0} B in {stat.NumObjects} blocks = {100.0 * stat.RepoSize / FileBytes:0.00} % of the file", clock);
        }

        var fair = (double)FileBytes * Replication / 6;
        var sizes = await RoleCluster.EventuallyAsync(
            () => SizesAsync(workers.SelectMany(w => w), fair, subs), s => s.Bytes.All(x => x >= 0.8 * fair && x <= 1.2 * fair), Patience,
            "every worker holds 0.8–1.2 × its fair share", cluster.Logs);
        Step($"workers hold {sizes} × their fair share ({fair / 1048576:0.0} MiB)", clock);

        await RoleCluster.AssertReadableAsync(output, content, cid, ("root", root), ("sub-master", subs[1]), ("worker", workers[2][0]));

        // The tree as an operator sees it: peers (sub-clusters with their members), the plan level by level, metrics by level.
        var peers = await CliProcess.RunAsync(["peers", .. CliProcess.At(root, RoleCluster.Token)]);
        Assert.Equal(0, peers.ExitCode);
        Assert.StartsWith("3 member(s)", peers.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(3, peers.StandardOutput.Split('\n').Count(l => l.Contains("sub-cluster master of 2 member(s)", StringComparison.Ordinal) && !l.StartsWith(' ')));
        Assert.Equal(6, peers.StandardOutput.Split('\n').Count(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains("alive", StringComparison.Ordinal)));
        var tree = await CliProcess.RunAsync(["shard", "plan", cid.ToString(), "--show", .. CliProcess.At(root, RoleCluster.Token)]);
        Assert.Equal(0, tree.ExitCode);
        Assert.Equal(3, tree.StandardOutput.Split('\n').Count(l => l.Contains("level 2: sub-cluster", StringComparison.Ordinal)));
        output.WriteLine(peers.StandardOutput);
        output.WriteLine(string.Join('\n', tree.StandardOutput.Split('\n').Where(l => !l.Contains("recursive ", StringComparison.Ordinal) && !l.Contains("direct ", StringComparison.Ordinal))));
        var subMetrics = PrometheusText.Parse(await subs[0].Client.GetStringAsync(new Uri("metrics", UriKind.Relative)));
        Assert.Contains(subMetrics, m => m.Name.StartsWith("ipfskit_cluster_members", StringComparison.Ordinal)
            && m.Labels.Contains("level=\"1\"", StringComparison.Ordinal) && m.Labels.Contains("kind=\"worker\"", StringComparison.Ordinal) && m.Value == 2);
        var rootMetrics = PrometheusText.Parse(await root.Client.GetStringAsync(new Uri("metrics", UriKind.Relative)));
        Assert.Contains(rootMetrics, m => m.Name.StartsWith("ipfskit_cluster_members", StringComparison.Ordinal)
            && m.Labels.Contains("level=\"0\"", StringComparison.Ordinal) && m.Labels.Contains("kind=\"master\"", StringComparison.Ordinal) && m.Value == 3);
        Step("peers shows the tree, shard plan --show the sub-clusters' placements, /metrics the members by level", clock);

        // A worker dies: its sub-master repairs its ranges inside the sub-cluster; the other sub-clusters receive nothing
        // (the pins their masters were given and the pins their workers hold, together, stay the same).
        var othersBefore = await SubClustersAsync(subs.Skip(1), workers.Skip(1));
        var (dead, survivor) = (workers[0][0], workers[0][1]);
        var subLink = RoleCluster.LinkTo(subs[0]);
        var deadId = (await subLink.ListWorkersAsync()).Single(w => w.ApiUrl.Port == dead.Port).WorkerId;
        await dead.KillAsync();
        await RoleCluster.EventuallyAsync(
            () => subLink.ListPinsAsync(),
            p => p.All(x => x.State == MasterPinState.Placed && x.Targets.Count > 0 && !x.Targets.Contains(deadId)),
            Patience, "the sub-master repairs the dead worker's ranges on its other worker", cluster.Logs);
        var survivorSize = (await RoleCluster.Api(survivor).RepoStatAsync()).RepoSize;
        Assert.True(survivorSize >= 1.6 * fair, $"the surviving worker of the sub-cluster took the dead one's share: {survivorSize:N0} B");
        Assert.Equal(othersBefore, await SubClustersAsync(subs.Skip(1), workers.Skip(1)));
        Step($"worker {deadId[^6..]} killed; repaired inside its sub-cluster: the survivor holds {survivorSize / fair:0.00} × a fair share, the other sub-clusters' pins unchanged", clock);
        await RoleCluster.AssertReadableAsync(output, content, cid, ("root", root), ("survivor", survivor));

        // A sub-master dies: the root repairs its ranges from the other replicas and the file stays readable.
        var goneSub = subIds[1];
        await subs[1].KillAsync();
        var repaired = await RoleCluster.EventuallyAsync(
            () => rootLink.ListPinsAsync(),
            p => p.Single(x => x.Cid == cid.ToString()) is { State: MasterPinState.Placed, LiveReplicas: Replication } pin && !pin.Targets.Contains(goneSub),
            Patience, "the root restores replication 2 without the dead sub-master", cluster.Logs);
        Step($"sub-master {goneSub[^6..]} killed; the root repaired it: {repaired.Single(x => x.Cid == cid.ToString()).Replication}", clock);
        await RoleCluster.AssertReadableAsync(output, content, cid, ("root", root), ("worker of another sub-cluster", workers[2][1]));
    }

    private static async Task<Shares> SizesAsync(IEnumerable<HostProcess> hosts, double fair, IEnumerable<HostProcess> subs)
    {
        // Beside what each worker stores, what its sub-master's plans give it (for the diagnosis of a failure).
        var planned = new List<string>();
        foreach (var sub in subs)
        {
            var link = RoleCluster.LinkTo(sub);
            var loads = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var pin in await link.ListPinsAsync())
            {
                if (pin.Targets.Count > 0)
                {
                    var plan = await RoleCluster.PlanAsync(sub, Cid.Parse(pin.Cid));
                    foreach (var target in plan.Targets)
                    {
                        loads[target] = loads.GetValueOrDefault(target) + plan.BytesOf(target);
                    }
                }
            }

            planned.Add(string.Join('/', loads.Values.Select(v => (v / fair).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))));
        }

        return new([.. await Task.WhenAll(hosts.Select(async h => (await RoleCluster.Api(h).RepoStatAsync()).RepoSize))], fair) { Planned = string.Join(", ", planned) };
    }

    /// <summary>Per sub-cluster: the pins its master was given and the pins its workers hold together (moves inside it do not change them).</summary>
    private static async Task<string[]> SubClustersAsync(IEnumerable<HostProcess> masters, IEnumerable<HostProcess[]> workers) =>
        await Task.WhenAll(masters.Zip(workers).Select(async pair =>
        {
            var given = (await RoleCluster.LinkTo(pair.First).ListPinsAsync()).Select(p => p.Cid).Order(StringComparer.Ordinal);
            var held = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var worker in pair.Second)
            {
                held.UnionWith((await RoleCluster.PinsOfAsync(worker)).Select(c => c.ToString()));
            }

            return $"given {string.Join(' ', given)}; held {string.Join(' ', held)}";
        }));

    /// <summary>The workers' stored bytes, shown as multiples of the fair share.</summary>
    private sealed record Shares(long[] Bytes, double Fair)
    {
        public string Planned { get; init; } = "";

        public override string ToString() => string.Join(", ", Bytes.Select(x => (x / Fair).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))) + $" (planned: {Planned})";
    }

    private void Step(string what, Stopwatch clock) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
}
