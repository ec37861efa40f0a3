using System.Diagnostics;
using System.Globalization;
using System.Text;
using IpfsKit.Content;
using IpfsKit.Sharding;

namespace IpfsKit.Benchmarks.CompositeSimulation;

/// <summary>
/// Plans a synthetic 100 TiB DAG over a 3-level composite cluster in process, as the running cluster does: the root
/// plans over its sub-masters (targets with their sub-cluster's sums), each sub-master plans every recursive pin of its
/// cover over its sub-sub-masters, each of those over its workers; then a worker dies (repaired inside its
/// sub-sub-cluster), a sub-master dies (repaired at the root from the other replicas), a worker and a sub-master join
/// (rebalanced at their level). Run: <c>dotnet run -c Release --project benchmarks/IpfsKit.Benchmarks -- composite-sim</c>
/// (options <c>--fanout 1024 --k 64 --deep 10 --out file.md</c>, <c>--sweep-only</c> for the K table alone; <c>--deep N</c> plans the lowest level under the first N
/// sub-masters only, for fan-outs whose lowest level has millions of pins).
/// </summary>
internal static class CompositeSimulation
{
    private const long GiB = 1L << 30;
    private const long TiB = 1L << 40;
    private const int Subs = 10;
    private const int SubSubs = 10;
    private const int Workers = 100;
    private const long WorkerBytes = 40 * GiB;
    private const int Replication = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var fanout = Option(args, "--fanout", 1024);
        var k = Option(args, "--k", OutlineGranule.RangesPerShare);
        var deep = Math.Clamp(Option(args, "--deep", Subs), 2, Subs);
        if (args.Contains("--sweep-only"))
        {
            await GranuleSweepAsync(new SyntheticTree(100 * TiB / (1L << 20), fanout, 1L << 20), Console.WriteLine).ConfigureAwait(false);
            return 0;
        }

        var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
        var tree = new SyntheticTree(100 * TiB / (1L << 20), fanout, 1L << 20);
        var report = new StringBuilder();
        void Line(string text)
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        Line($"Composite simulation: {Bytes(tree.TotalBytes)} DAG ({tree.Leaves:N0} leaves of 1 MiB, fan-out {fanout}, height {tree.Height}), " +
            $"{Subs} × {SubSubs} × {Workers} = {Subs * SubSubs * Workers:N0} workers of {Bytes(WorkerBytes)}, replication {Replication} at the root, K = {k}, " +
            $".NET {Environment.Version}, {Environment.ProcessorCount} cores");
        Line(string.Empty);
        var rootOptions = new ShardingOptions { Replication = Replication };
        var subOptions = new ShardingOptions();
        var root = new SimMaster("root", Names("s", Subs), Repeat(SubSubs * Workers * WorkerBytes, Subs), tree, rootOptions, k);
        var subs = Enumerable.Range(0, Subs).Select(i => new SimMaster($"s{i}", Names("m", SubSubs), Repeat(Workers * WorkerBytes, SubSubs), tree, subOptions, k)).ToArray();
        var subSubs = Enumerable.Range(0, Subs).Select(i => Enumerable.Range(0, SubSubs)
            .Select(j => new SimMaster($"s{i}/m{j}", Names("w", Workers), Repeat(WorkerBytes, Workers), tree, subOptions, k)).ToArray()).ToArray();

        var levels = new[] { new LevelStats("root over 10 sub-masters"), new LevelStats("sub-master over 10 sub-sub-masters"), new LevelStats("sub-sub-master over 100 workers") };
        await levels[0].MeasureAsync(root, () => root.PlanAsync([new ShardPin(tree.Root, true)], default)).ConfigureAwait(false);
        for (var i = 0; i < Subs; i++)
        {
            var pins = root.Plans.SelectMany(p => p.PlacementsOf(subs[i].Name)).SelectMany(p => p.Pins).ToList();
            await levels[1].MeasureAsync(subs[i], () => subs[i].PlanAsync(pins, default)).ConfigureAwait(false);
            for (var j = 0; j < (i < deep ? SubSubs : 0); j++)
            {
                var master = subSubs[i][j];
                var mine = subs[i].Plans.SelectMany(p => p.PlacementsOf($"m{j}")).SelectMany(p => p.Pins).ToList();
                await levels[2].MeasureAsync(master, () => master.PlanAsync(mine, default)).ConfigureAwait(false);
            }

            Console.Error.WriteLine($"// planned {subs[i].Name}: {subs[i].Plans.Count} plans, {subSubs[i].Sum(m => m.Plans.Count)} below");
        }

        var stored = (double)Replication * tree.TotalBytes;
        var loads = new[]
        {
            root.Members.Select(m => root.BytesOf(m) / (stored / Subs)).ToList(),
            subs.SelectMany(s => s.Members.Select(m => s.BytesOf(m) / (stored / (Subs * SubSubs)))).ToList(),
            subSubs.Take(deep).SelectMany(r => r).SelectMany(s => s.Members.Select(m => s.BytesOf(m) / (stored / (Subs * SubSubs * Workers)))).ToList(),
        };
        var direct = new[] { root.DirectBytes, subs.Sum(s => s.DirectBytes), subSubs.SelectMany(r => r).Sum(s => s.DirectBytes) };
        Line("| level | masters | plans | nodes read (busiest master) | largest outline (links) | wall time total (busiest master) | CPU time total (busiest master) | allocated total (busiest master) | max/ideal load | min/ideal load | kept by masters (direct pins) |");
        Line("|---|---|---|---|---|---|---|---|---|---|---|");
        for (var l = 0; l < levels.Length; l++)
        {
            var s = levels[l];
            Line($"| {s.Name} | {s.Masters} | {s.Plans:N0} | {s.NodesRead:N0} ({s.MaxNodesRead:N0}) | {s.MaxOutlineLinks:N0} | {Ms(s.Time)} ({Ms(s.MaxTime)}) | {Ms(s.Cpu)} ({Ms(s.MaxCpu)}) | " +
                $"{Bytes(s.Allocated)} ({Bytes(s.MaxAllocated)}) | {loads[l].Max():F4} | {loads[l].Min():F4} | {Bytes(direct[l])} |");
        }

        Line(string.Empty);
        Line(deep < Subs ? $"The sub-sub-masters and workers are planned under the first {deep} sub-masters only (`--deep {deep}`); their rows and the overall figures are over those." : string.Empty);
        Line($"Overall (workers): max/ideal {loads[2].Max():F4}, min/ideal {loads[2].Min():F4}; ideal = {Replication} × DAG / {Subs * SubSubs * Workers:N0} = {Bytes((long)(stored / (Subs * SubSubs * Workers)))}.");
        Line(string.Empty);
        await FailuresAsync(root, subSubs, rootOptions, subOptions, Line).ConfigureAwait(false);
        await GranuleSweepAsync(tree, Line).ConfigureAwait(false);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString()).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task FailuresAsync(SimMaster root, SimMaster[][] subSubs, ShardingOptions rootOptions, ShardingOptions subOptions, Action<string> line)
    {
        line("| event | where it is handled | dead or joined member's share | bytes moved | moved ÷ share | time | max share before → after |");
        line("|---|---|---|---|---|---|---|");
        var cell = subSubs[0][0];
        var share = cell.BytesOf("w0");
        var clock = Stopwatch.StartNew();
        var moved = await cell.RepairAsync("w0", default).ConfigureAwait(false);
        line($"| worker s0/m0/w0 dies | its sub-sub-master s0/m0 (nothing moves above) | {Bytes(share)} | {Bytes(moved)} | {(double)moved / share:F4} | {Ms(clock.Elapsed)} | |");

        foreach (var tolerance in new[] { 0.1, 0.01 })
        {
            var joinCell = subSubs[1][0];
            clock.Restart();
            var worker = ShardPlanner.Rebalance(joinCell.Plans, new Dictionary<Cid, DagOutline>(), joinCell.Topology(joined: ("w100", WorkerBytes)), long.MaxValue, subOptions, tolerance);
            line($"| a worker joins s1/m0 (tolerance {tolerance}) | s1/m0 rebalances | {Bytes(WorkerBytes)} capacity | {Bytes(worker.MovedBytes)} | {(double)worker.MovedBytes / (joinCell.Plans.Sum(p => p.TotalBytes) / 101.0):F4} of its fair share | {Ms(clock.Elapsed)} | {worker.MaxShareBefore:F3} → {worker.MaxShareAfter:F3} |");

            var outlines = new Dictionary<Cid, DagOutline>();
            foreach (var plan in root.Plans)
            {
                outlines[plan.Root] = await root.OutlineAsync(plan.Root, default).ConfigureAwait(false);
            }

            clock.Restart();
            var sub = ShardPlanner.Rebalance(root.Plans, outlines, root.Topology(joined: ("s10", SubSubs * Workers * WorkerBytes)), long.MaxValue, rootOptions, tolerance);
            line($"| a sub-master joins the root (tolerance {tolerance}) | the root rebalances | {Bytes(SubSubs * Workers * WorkerBytes)} capacity | {Bytes(sub.MovedBytes)} | {(double)sub.MovedBytes / (root.Plans.Sum(p => p.TotalBytes * p.Replication) / 10.0):F4} of its fair share | {Ms(clock.Elapsed)} | {sub.MaxShareBefore:F3} → {sub.MaxShareAfter:F3} |");
        }

        var rootShare = root.BytesOf("s3");
        clock.Restart();
        var rootMoved = await root.RepairAsync("s3", default).ConfigureAwait(false);
        line($"| sub-master s3 dies (replication {Replication}) | the root, from the other replicas | {Bytes(rootShare)} | {Bytes(rootMoved)} | {(double)rootMoved / rootShare:F4} | {Ms(clock.Elapsed)} | |");

        line(string.Empty);
    }

    /// <summary>K against what it costs: nodes read and balance, for the root's level and for one 1 TiB subtree over 100 workers.</summary>
    private static async Task GranuleSweepAsync(SyntheticTree tree, Action<string> line)
    {
        line("| K | level | granule | nodes read | outline links | wall time: read + plan | CPU time | max/ideal load |");
        line("|---|---|---|---|---|---|---|---|");
        // The largest subtree of at most 2 TiB (one a sub-sub-master could receive whole), over 100 workers with twice its bytes.
        var height = Enumerable.Range(1, tree.Height).Last(h => h == 1 || tree.SubtreeBytes(h, 0) <= 2 * TiB);
        var subtree = tree.SubtreeBytes(height, 0);
        var cases = new[]
        {
            (Name: "root: 100 TiB over 10 sub-masters", Root: tree.Root, Members: Subs, Bytes: SubSubs * Workers * WorkerBytes, Replication),
            (Name: $"{Bytes(subtree)} subtree over 100 workers", Root: tree.CidOf(height, 0), Members: Workers, Bytes: 2 * subtree / Workers, Replication: 1),
        };
        foreach (var k in new[] { 1, 4, 16, 64, 256, 1024 })
        {
            foreach (var c in cases)
            {
                var options = new ShardingOptions { Replication = c.Replication };
                var master = new SimMaster("sweep", Names("t", c.Members), Repeat(c.Bytes, c.Members), tree, options, k);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await master.PlanAsync([new ShardPin(c.Root, true)], default).ConfigureAwait(false);
                clock.Stop();
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                var plan = master.Plans[0];
                var ideal = (double)plan.TotalBytes * c.Replication / c.Members;
                line($"| {k} | {c.Name} | {Bytes(master.Granules[c.Root])} | {master.NodesRead:N0} | {master.MaxOutlineLinks:N0} | {Ms(master.ReadTime)} + {Ms(clock.Elapsed - master.ReadTime)} | {Ms(cpu)} | {master.Members.Max(m => plan.BytesOf(m)) / ideal:F4} |");
            }
        }
    }

    private static string[] Names(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture))];

    private static long[] Repeat(long value, int count) => [.. Enumerable.Repeat(value, count)];

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:N0} ms";

    private static string Bytes(long bytes) => bytes switch
    {
        >= TiB => $"{(double)bytes / TiB:F2} TiB",
        >= GiB => $"{(double)bytes / GiB:F2} GiB",
        >= 1L << 20 => $"{(double)bytes / (1L << 20):F1} MiB",
        _ => $"{bytes:N0} B",
    };
}
