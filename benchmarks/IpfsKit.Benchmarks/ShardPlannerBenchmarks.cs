using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using IpfsKit.Content;
using IpfsKit.Sharding;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Plans a synthetic 100 GiB balanced DAG (409,600 leaves of 262,144 bytes, 174 links a node, as Kubo's importer
/// builds it) over 100 targets in 10 sub-clusters, and repairs it after one target dies. The baseline is the physical
/// reference of any plan: one depth-first pass over the outline's links computing the leaf prefix sums.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ShardPlannerBenchmarks
{
    private const string Dead = "c3/t7";
    private DagOutline _outline = null!;
    private ClusterNode _topology = null!;
    private ClusterNode _afterPlan = null!;
    private ShardPlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _outline = Balanced(100L * 1024 * 1024 * 1024 / BenchmarkData.ChunkSize, 174, BenchmarkData.ChunkSize);
        _topology = Grid(10, 10, 2L * 1024 * 1024 * 1024);
        _plan = ShardPlanner.Plan(_outline, _topology);
        _afterPlan = AfterPlan(_topology, _plan);
        var ideal = (double)_plan.TotalBytes / 100;
        var repair = ShardPlanner.Repair(_plan, _outline, _afterPlan, Dead);
        var deadShare = _plan.BytesOf(Dead);
        var moved = repair.Placements.Sum(p => p.Bytes);
        Console.WriteLine(
            $"// ShardPlanner: {_plan.TotalLeaves} leaves, {_plan.TotalBytes} bytes, {_plan.Placements.Count} placements, " +
            $"max/ideal load {_plan.Placements.Max(p => p.Bytes) / ideal:F5}, min/ideal {_plan.Placements.Min(p => p.Bytes) / ideal:F5}; " +
            $"repair of {Dead}: {repair.Placements.Count} placements, {moved} bytes moved vs dead share {deadShare} ({(double)moved / deadShare:F5}), " +
            $"targets {string.Join(",", repair.Targets)}");
    }

    [Benchmark(Baseline = true)]
    public long PrefixSumsPass()
    {
        var prefix = new List<long>(410_000) { 0 };
        void Walk(OutlineNode node)
        {
            foreach (var link in node.Links)
            {
                if (_outline.Nodes.TryGetValue(link.Cid, out var child))
                {
                    Walk(child);
                }
                else
                {
                    prefix.Add(prefix[^1] + link.DagBytes);
                }
            }
        }

        Walk(_outline.Nodes[_outline.Root]);
        return prefix[^1];
    }

    [Benchmark]
    public ShardPlan Plan() => ShardPlanner.Plan(_outline, _topology);

    [Benchmark]
    public ShardPlan Repair() => ShardPlanner.Repair(_plan, _outline, _afterPlan, Dead);

    private static DagOutline Balanced(long leaves, int fanout, long leafBytes)
    {
        var nodes = new Dictionary<Cid, OutlineNode>();
        long counter = 0;
        Cid Next(Multicodec codec)
        {
            Span<byte> bytes = stackalloc byte[9];
            bytes[0] = (byte)(codec == Multicodec.Raw ? 1 : 2);
            BinaryPrimitives.WriteInt64LittleEndian(bytes[1..], counter++);
            return Cid.Compute(codec, bytes);
        }

        var level = new List<OutlineLink>();
        for (long i = 0; i < leaves; i++)
        {
            level.Add(new OutlineLink(Next(Multicodec.Raw), leafBytes, leafBytes));
        }

        while (level.Count > 1)
        {
            var next = new List<OutlineLink>();
            for (var i = 0; i < level.Count; i += fanout)
            {
                var links = level.GetRange(i, Math.Min(fanout, level.Count - i));
                var cid = Next(Multicodec.DagPb);
                var block = 12 + (40L * links.Count);
                nodes[cid] = new OutlineNode(cid, block, links);
                next.Add(new OutlineLink(cid, links.Sum(l => l.ContentBytes), block + links.Sum(l => l.DagBytes)));
            }

            level = next;
        }

        return new DagOutline(level[0].Cid, nodes);
    }

    private static ClusterNode Grid(int clusters, int targets, long free) =>
        new("root", [.. Enumerable.Range(0, clusters).Select(c => (TopologyNode)new ClusterNode(
            $"c{c}", [.. Enumerable.Range(0, targets).Select(t => (TopologyNode)new TargetNode($"t{t}", 2 * free, free))]))]);

    private static ClusterNode AfterPlan(ClusterNode topology, ShardPlan plan) =>
        topology with
        {
            Children = [.. topology.Children.Cast<ClusterNode>().Select(c => c with
            {
                Children = [.. c.Children.Cast<TargetNode>().Select(t => t with { FreeBytes = t.FreeBytes - plan.BytesOf(c.Name + "/" + t.Name) })],
            })],
        };
}
