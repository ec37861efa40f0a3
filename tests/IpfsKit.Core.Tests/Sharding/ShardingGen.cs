using FsCheck;
using FsCheck.Fluent;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Internal;

namespace IpfsKit.Tests.Sharding;

/// <summary>A generated planning problem; prints its recipe so a failure can be replayed.</summary>
public sealed record ShardCase(DagOutline Outline, ClusterNode Topology, ShardingOptions Options, double Fill, string Recipe)
{
    public override string ToString() => Recipe;
}

/// <summary>FsCheck generators of DAG outlines, topologies and options for the planner properties.</summary>
public static class ShardingGen
{
    public static Arbitrary<ShardCase> Case() => CaseGen.ToArbitrary();

    private static Gen<ShardCase> CaseGen =>
        from dagSeed in Gen.Choose(0, int.MaxValue - 1)
        from depth in Gen.Choose(1, 4)
        from fanout in Gen.Choose(1, 300)
        from huge in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(8_001, 9_000)))
        from maxLeaf in Gen.Elements(1L << 10, 64L << 10, 1L << 20)
        from topologySeed in Gen.Choose(0, int.MaxValue - 1)
        from levels in Gen.Choose(1, 3)
        from fill in Gen.Elements(0.05, 0.3, 0.6, 0.9, 1.1)
        from replication in Gen.Frequency((3, Gen.Constant(1)), (2, Gen.Choose(2, 3)))
        from threshold in Gen.Elements(50, 500, 8_000)
        from minRange in Gen.Elements(0L, 4_096L, 1L << 20)
        select Build(dagSeed, depth, fanout, huge, maxLeaf, topologySeed, levels, fill, replication, threshold, minRange);

    public static ShardCase Build(
        int dagSeed, int depth, int fanout, int huge, long maxLeaf, int topologySeed, int levels, double fill, int replication, int threshold, long minRange)
    {
        var outline = SyntheticDag.Random(dagSeed, depth, fanout, huge, maxLeaf, leafBudget: 20_000);
        var total = FlatDag.Create(outline).TotalBytes;
        var topology = Topology(topologySeed, levels, replication * total / fill);
        var options = new ShardingOptions { LinkThreshold = threshold, Replication = replication, MinRangeBytes = minRange };
        var recipe = $"Build({dagSeed}, {depth}, {fanout}, {huge}, {maxLeaf}, {topologySeed}, {levels}, {fill}, {replication}, {threshold}, {minRange})";
        return new ShardCase(outline, topology, options, fill, recipe);
    }

    /// <summary>A random tree of 1 to 3 levels, 1 to 12 children a cluster (6 below the top in 3 levels), a tenth unhealthy; healthy free bytes sum to <paramref name="healthyFree"/>.</summary>
    public static ClusterNode Topology(int seed, int levels, double healthyFree)
    {
        var random = new Random(seed);
        var weights = new List<(string Path, double Weight, bool Healthy)>();

        ClusterNode Cluster(string name, string path, int level)
        {
            var count = random.Next(1, (level == 0 || levels < 3 ? 12 : 6) + 1);
            var children = new List<TopologyNode>(count);
            for (var i = 0; i < count; i++)
            {
                if (level + 1 < levels && random.Next(10) < 7)
                {
                    children.Add(Cluster($"c{i}", $"{path}/c{i}", level + 1));
                }
                else
                {
                    var weight = Math.Exp(random.NextDouble() * 4);
                    var healthy = random.Next(10) != 0;
                    weights.Add(($"{path}/t{i}", weight, healthy));
                    children.Add(new TargetNode($"t{i}", 0, 0, healthy));
                }
            }

            return new ClusterNode(name, children);
        }

        var shape = Cluster("root", "root", 0);
        var sum = weights.Where(w => w.Healthy).Sum(w => w.Weight);
        var free = weights.ToDictionary(w => w.Path, w => (long)(w.Weight / Math.Max(sum, 1e-9) * healthyFree));
        return (ClusterNode)Scale(shape, string.Empty, free, random);
    }

    private static TopologyNode Scale(TopologyNode node, string prefix, Dictionary<string, long> free, Random random) => node switch
    {
        ClusterNode cluster => cluster with
        {
            Children = [.. cluster.Children.Select(c => Scale(c, prefix.Length == 0 ? cluster.Name : prefix + "/" + cluster.Name, free, random))],
        },
        TargetNode target => target with
        {
            FreeBytes = free[prefix + "/" + target.Name],
            CapacityBytes = free[prefix + "/" + target.Name] + random.Next(1 << 20),
        },
        _ => node,
    };
}
