using IpfsKit.Sharding.Internal;

namespace IpfsKit.Sharding;

/// <content>Adoption of subtrees placed while the DAG was being imported.</content>
public static partial class ShardPlanner
{
    /// <summary>
    /// Plans a DAG some of whose subtrees are already placed: each placed subtree becomes a range of the leaves under it
    /// (one per place the DAG links it), pinned recursively at the subtree, and kept as it is (ranges of one target and
    /// replica that touch are joined into one, with the pins of both); the leaves still held by
    /// fewer targets than <see cref="ShardingOptions.Replication"/> are then planned as <see cref="AddReplicas"/> does
    /// (in ranges, whatever the DAG's link count, so that no whole-DAG replica repeats what is placed).
    /// </summary>
    /// <param name="outline">The DAG's internal nodes.</param>
    /// <param name="placed">The subtrees placed; one not in the DAG is ignored.</param>
    /// <param name="topology">The topology now: <see cref="TargetNode.FreeBytes"/> are the bytes free after the placed subtrees.</param>
    /// <param name="options">The options, <c>Replication</c> being the wanted number of replicas; <see langword="null"/> for the defaults.</param>
    /// <returns>
    /// The whole plan: the adopted ranges plus the new ones, in plan order, its <see cref="ShardPlan.Replication"/> being the
    /// replicas every leaf has on healthy targets (what does not fit now is left for <see cref="AddReplicas"/> later).
    /// </returns>
    /// <exception cref="ArgumentException">The outline has a cycle, or an option is out of range.</exception>
    public static ShardPlan Adopt(DagOutline outline, IReadOnlyList<SubtreePlacement> placed, ClusterNode topology, ShardingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(placed);
        options ??= new ShardingOptions();
        var context = PlanContext.Create(outline, topology, options with { LinkThreshold = 0 });
        var dag = context.Dag;
        var adopted = new List<ShardPlacement>();
        foreach (var p in placed)
        {
            foreach (var (start, end) in dag.Spans(p.Subtree))
            {
                adopted.Add(new ShardPlacement(p.Target, p.Replica, start, end - start, p.Bytes, [new ShardPin(p.Subtree, true)]));
            }
        }

        var plan = new ShardPlan(dag.Root, dag.LeafCount, dag.TotalBytes, options.Replication, Joined(Ordered(adopted)));
        var healthy = context.Topology.Healthy;
        bool IsLive(string target) => context.Topology.FindTarget(target) is var t && t >= 0 && healthy[t];
        return plan.Add(ReplicaFiller.Fill(plan, context), IsLive);
    }

    /// <summary>Joins the ranges of one target and replica that touch into one range (its pins in leaf order).</summary>
    private static List<ShardPlacement> Joined(IEnumerable<ShardPlacement> ordered)
    {
        var joined = new List<ShardPlacement>();
        foreach (var group in ordered.GroupBy(p => (p.Target, p.Replica)))
        {
            foreach (var p in group)
            {
                if (joined.Count > 0 && joined[^1] is var last && last.Target == p.Target && last.Replica == p.Replica && last.FirstLeaf + last.LeafCount == p.FirstLeaf)
                {
                    joined[^1] = last with { LeafCount = last.LeafCount + p.LeafCount, Bytes = last.Bytes + p.Bytes, Pins = [.. last.Pins, .. p.Pins] };
                }
                else
                {
                    joined.Add(p);
                }
            }
        }

        return [.. Ordered(joined)];
    }

    private static IOrderedEnumerable<ShardPlacement> Ordered(IEnumerable<ShardPlacement> placements) =>
        placements.OrderBy(p => p.Replica).ThenBy(p => p.FirstLeaf).ThenBy(p => p.Target, StringComparer.Ordinal);
}
