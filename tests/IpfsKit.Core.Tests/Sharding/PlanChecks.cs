using IpfsKit.Content;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Internal;

namespace IpfsKit.Tests.Sharding;

/// <summary>Independent checks of a plan against its outline and topology.</summary>
internal static class PlanChecks
{
    /// <summary>Every target with its id (path below the root), in document order.</summary>
    public static List<(string Id, TargetNode Node)> Targets(ClusterNode root)
    {
        var targets = new List<(string, TargetNode)>();
        void Walk(TopologyNode node, string prefix)
        {
            var path = prefix.Length == 0 ? node.Name : prefix + "/" + node.Name;
            if (node is TargetNode target)
            {
                targets.Add((path, target));
            }
            else if (node is ClusterNode cluster)
            {
                cluster.Children.ToList().ForEach(c => Walk(c, node == root ? string.Empty : path));
            }
        }

        Walk(root, string.Empty);
        return targets;
    }

    public static int Height(TopologyNode node) => node is ClusterNode c ? 1 + c.Children.Max(Height) : 0;

    public static int MaxChildren(TopologyNode node) => node is ClusterNode c ? Math.Max(c.Children.Count, c.Children.Max(MaxChildren)) : 0;

    public static long HealthyFree(ClusterNode root) => Targets(root).Where(t => t.Node.Healthy).Sum(t => Math.Max(0, t.Node.FreeBytes));

    /// <summary>Each replica covers every leaf once; a target never holds a leaf twice; so every leaf is on R distinct targets.</summary>
    public static void AssertCoverage(ShardPlan plan, long leaves, int replication)
    {
        Assert.Equal(leaves, plan.TotalLeaves);
        for (var replica = 0; replica < replication; replica++)
        {
            var ranges = plan.Placements.Where(p => p.Replica == replica).OrderBy(p => p.FirstLeaf).ToList();
            long next = 0;
            foreach (var range in ranges)
            {
                Assert.True(range.LeafCount > 0, $"empty range on {range.Target}");
                Assert.Equal(next, range.FirstLeaf);
                next = range.FirstLeaf + range.LeafCount;
            }

            Assert.Equal(leaves, next);
        }

        Assert.DoesNotContain(plan.Placements, p => p.Replica < 0 || p.Replica >= replication);
        foreach (var group in plan.Placements.GroupBy(p => p.Target))
        {
            long end = 0;
            foreach (var range in group.OrderBy(p => p.FirstLeaf))
            {
                Assert.True(range.FirstLeaf >= end, $"{group.Key} holds leaf {range.FirstLeaf} twice");
                end = range.FirstLeaf + range.LeafCount;
            }
        }
    }

    /// <summary>No target above its free bytes; unhealthy and unknown targets get nothing.</summary>
    public static void AssertCapacity(ShardPlan plan, ClusterNode topology)
    {
        var targets = Targets(topology).ToDictionary(t => t.Id, t => t.Node);
        foreach (var id in plan.Targets)
        {
            Assert.True(targets.TryGetValue(id, out var target), $"unknown target {id}");
            Assert.True(target.Healthy, $"unhealthy target {id} used");
            Assert.True(plan.BytesOf(id) <= target.FreeBytes, $"{id}: {plan.BytesOf(id)} > free {target.FreeBytes}");
        }
    }

    /// <summary>
    /// Each placement's pins, expanded through the outline, hold exactly its range's leaves plus internal nodes, and
    /// weigh its Bytes; the union of all pins is every block of the DAG.
    /// </summary>
    public static void AssertPinsReconstruct(ShardPlan plan, DagOutline outline)
    {
        var blocks = SyntheticDag.Blocks(outline);
        blocks.TryAdd(outline.Root, 0);
        var leaves = outline.Nodes.ContainsKey(outline.Root) ? SyntheticDag.Leaves(outline) : [outline.Root];
        var union = new HashSet<Cid>();
        foreach (var placement in plan.Placements)
        {
            var held = new HashSet<Cid>();
            foreach (var pin in placement.Pins)
            {
                Expand(pin, outline, held);
            }

            var expected = leaves.Skip((int)placement.FirstLeaf).Take((int)placement.LeafCount).ToHashSet();
            var heldLeaves = held.Where(c => !outline.Nodes.ContainsKey(c)).ToHashSet();
            Assert.True(expected.SetEquals(heldLeaves), $"{placement.Target} pins {heldLeaves.Count} leaves, range has {expected.Count}");
            Assert.Equal(placement.Bytes, held.Sum(c => blocks[c]));
            union.UnionWith(held);
        }

        Assert.True(union.SetEquals(blocks.Keys), $"pins reach {union.Count} of {blocks.Count} blocks");
    }

    /// <summary>
    /// Each healthy target's load is at most its capacity-weighted ideal (total × free / healthy free) plus (H + 1) × U
    /// for the cuts, plus per level (H of them) what the children dropped at that level can hand over: c × MinRangeBytes
    /// for shares under the minimum and T × H × U for children whose free bytes are within their reserve. H = topology
    /// height, U = <paramref name="unit"/> (largest leaf + largest border), T = targets, c = most children of a cluster.
    /// </summary>
    public static void AssertLoadWithinTolerance(ShardPlan plan, ClusterNode topology, ShardingOptions options, long unit)
    {
        var targets = Targets(topology);
        var height = Height(topology);
        var children = MaxChildren(topology);
        var tolerance = ((height + 1) * unit) + (height * ((children * options.MinRangeBytes) + (targets.Count * height * unit)));
        var free = HealthyFree(topology);
        foreach (var (id, node) in targets.Where(t => t.Node.Healthy))
        {
            var ideal = (double)plan.TotalBytes * node.FreeBytes / free;
            Assert.True(plan.BytesOf(id) <= ideal + tolerance, $"{id}: {plan.BytesOf(id)} > ideal {ideal:F0} + {tolerance}");
        }
    }

    /// <summary>A placement as text: target, replica, range, bytes, pins.</summary>
    public static string Describe(ShardPlacement p) =>
        $"{p.Target}|{p.Replica}|{p.FirstLeaf}+{p.LeafCount}|{p.Bytes}|{string.Join(",", p.Pins.Select(x => (x.Recursive ? "r:" : "d:") + x.Cid))}";

    public static long Unit(DagOutline outline) => FlatDag.Create(outline).Unit;

    public static void Expand(ShardPin pin, DagOutline outline, HashSet<Cid> held)
    {
        held.Add(pin.Cid);
        if (pin.Recursive && outline.Nodes.TryGetValue(pin.Cid, out var node))
        {
            foreach (var link in node.Links)
            {
                Expand(new ShardPin(link.Cid, true), outline, held);
            }
        }
    }
}
