using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Sharding.Internal;

namespace IpfsKit.Sharding;

/// <summary>
/// Plans where the parts of a DAG are pinned across a cluster topology: pure, deterministic, plain data out
/// (see <c>docs/sharding.md</c>).
/// </summary>
/// <remarks>
/// <para>
/// Leaves are the links to nodes absent from <see cref="DagOutline.Nodes"/>, numbered depth first. When the outline's
/// total link count is at most <see cref="ShardingOptions.LinkThreshold"/>, the whole DAG is pinned recursively at the
/// root on <see cref="ShardingOptions.Replication"/> targets, each in another top-level child where possible, the
/// strategy's heaviest (most free) first. Above it, each cluster cuts its leaf range into contiguous ranges, one per
/// child, proportional to the children's weights (by default their healthy free bytes), snapped to leaf boundaries,
/// never above a child's free bytes, recursively down to targets; a child whose share is under
/// <see cref="ShardingOptions.MinRangeBytes"/> gets nothing. Each range is pinned as its minimal cover.
/// </para>
/// <para>
/// Replication: replica k is first tried as replica 0's cuts rotated by k/R of the DAG's bytes (one or two ranges a
/// target, about the same bytes again), kept only when every target has the room and no top-level child then holds a
/// leaf twice. Otherwise replica k is planned over the free bytes left by replicas 0 to k − 1; wherever a range is already held,
/// each cluster prefers the children holding none of it (another failure domain), falls back to children with another
/// target when none can take it, and never gives a target a leaf it holds, so each leaf is on exactly R distinct targets.
/// </para>
/// <para>Thread-safe: no state is shared between calls.</para>
/// </remarks>
public static partial class ShardPlanner
{
    /// <summary>Plans a DAG over a topology.</summary>
    /// <param name="outline">The DAG's internal nodes.</param>
    /// <param name="topology">The cluster topology; target ids are paths below it.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The plan, its placements ordered by replica, first leaf and target.</returns>
    /// <exception cref="ArgumentException">The outline has a cycle, or siblings share a name, or an option is out of range.</exception>
    /// <exception cref="IpfsKitCapacityException">The healthy targets cannot hold the DAG <c>Replication</c> times.</exception>
    public static ShardPlan Plan(DagOutline outline, ClusterNode topology, ShardingOptions? options = null)
    {
        var context = PlanContext.Create(outline, topology, options);
        context.EnsureCapacity();
        var dag = context.Dag;
        var replication = context.Options.Replication;
        List<Assignment> assignments;
        if (context.Whole)
        {
            var targets = WholeDagAllocator.Select(
                context.Topology, (long[])context.Topology.InitialFree.Clone(), dag.TotalBytes, replication, context.Strategy, 0, new HashSet<int>())
                ?? throw context.CapacityError();
            assignments = [.. targets.Select((t, k) => new Assignment(t, k, 0, dag.LeafCount))];
        }
        else
        {
            var planner = context.CreatePlanner();
            for (var replica = 0; replica < replication; replica++)
            {
                var start = planner.Output.Count;
                if (replica > 0 && RotatedReplica.TryPlace(planner, dag, context.Topology, replica, replication))
                {
                    planner.Holdings.AddRange(planner.Output.Skip(start));
                    continue;
                }

                if (!planner.PlanRange(0, 0, dag.LeafCount, replica))
                {
                    throw context.CapacityError();
                }

                planner.Holdings.AddRange(planner.Output.Skip(start));
            }

            assignments = planner.Output;
        }

        return context.ToPlan(assignments);
    }

    /// <summary>
    /// Re-plans a dead target's ranges onto the survivors: each of its ranges goes to the dead target's nearest ancestor
    /// cluster that can take it (the same sub-cluster first), never to a target already holding those leaves; nothing
    /// else moves.
    /// </summary>
    /// <param name="plan">The plan in force.</param>
    /// <param name="outline">The DAG's internal nodes (the plan's root).</param>
    /// <param name="topology">
    /// The topology now: <see cref="TargetNode.FreeBytes"/> are the bytes free now, after the plan's placements were applied.
    /// </param>
    /// <param name="deadTarget">The dead target's id; it is treated as unhealthy.</param>
    /// <param name="options">The options the plan was made with; <see langword="null"/> for the defaults.</param>
    /// <returns>A plan of only the new placements (merge it with <see cref="ShardPlan.Merge"/>).</returns>
    /// <exception cref="ArgumentException">The dead target is not in the topology, or the outline does not match the plan.</exception>
    /// <exception cref="IpfsKitCapacityException">The survivors cannot take the dead target's ranges.</exception>
    public static ShardPlan Repair(ShardPlan plan, DagOutline outline, ClusterNode topology, string deadTarget, ShardingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(deadTarget);
        var context = PlanContext.Create(outline, topology, options);
        var dag = context.Dag;
        if (!plan.Root.Equals(outline.Root) || plan.TotalLeaves != dag.LeafCount)
        {
            throw new ArgumentException("The outline is not the plan's DAG.", nameof(outline));
        }

        var flat = context.Topology;
        var dead = flat.FindTarget(deadTarget);
        if (dead < 0)
        {
            throw new ArgumentException($"Target \"{deadTarget}\" is not in the topology.", nameof(deadTarget));
        }

        flat.Healthy[dead] = false;
        var planner = context.CreatePlanner();
        planner.Free[dead] = 0;
        foreach (var p in plan.Placements.Where(p => p.Target != deadTarget))
        {
            var target = flat.FindTarget(p.Target);
            if (target >= 0)
            {
                planner.Holdings.Add(new Assignment(target, p.Replica, checked((int)p.FirstLeaf), checked((int)(p.FirstLeaf + p.LeafCount))));
            }
        }

        var lost = plan.Placements.Where(p => p.Target == deadTarget).OrderBy(p => p.Replica).ThenBy(p => p.FirstLeaf).ToList();
        foreach (var placement in lost)
        {
            int first = checked((int)placement.FirstLeaf), end = checked((int)(placement.FirstLeaf + placement.LeafCount));
            var placed = false;
            for (var scope = flat.Parent(flat.TargetNode(dead)); scope >= 0 && !placed; scope = flat.Parent(scope))
            {
                placed = context.Whole && first == 0 && end == dag.LeafCount
                    ? RepairWhole(context, planner, scope, placement.Replica)
                    : TryRange(planner, scope, first, end, placement.Replica);
            }

            if (!placed)
            {
                throw context.CapacityError(lost.Sum(p => p.Bytes), flat.InitialFree.Sum() - flat.InitialFree[dead]);
            }
        }

        return context.ToPlan(planner.Output, plan.Replication);
    }

    /// <summary>
    /// Tops a plan up to <see cref="ShardingOptions.Replication"/>: every leaf held by fewer healthy targets than
    /// min(<c>Replication</c>, healthy targets) gets the missing replicas, each on a healthy target holding none of those
    /// leaves, in another failure domain where possible (as <see cref="Plan"/> places replicas); nothing existing moves.
    /// What does not fit in the free bytes now is left out (call again when capacity grows).
    /// </summary>
    /// <param name="plan">The plan in force; its placements on targets absent from the topology or unhealthy do not count.</param>
    /// <param name="outline">The DAG's internal nodes (the plan's root).</param>
    /// <param name="topology">The topology now: <see cref="TargetNode.FreeBytes"/> are the bytes free now, after the plan's placements were applied.</param>
    /// <param name="options">The options, <c>Replication</c> being the wanted number of replicas; <see langword="null"/> for the defaults.</param>
    /// <returns>
    /// A plan of only the new placements (empty when nothing is missing or nothing fits), its <see cref="ShardPlan.Replication"/>
    /// being the wanted count clamped to the healthy targets; merge it with <see cref="ShardPlan.Add"/>.
    /// </returns>
    /// <exception cref="ArgumentException">The outline does not match the plan, or an option is out of range.</exception>
    public static ShardPlan AddReplicas(ShardPlan plan, DagOutline outline, ClusterNode topology, ShardingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var context = PlanContext.Create(outline, topology, options);
        if (!plan.Root.Equals(outline.Root) || plan.TotalLeaves != context.Dag.LeafCount)
        {
            throw new ArgumentException("The outline is not the plan's DAG.", nameof(outline));
        }

        return ReplicaFiller.Fill(plan, context);
    }

    /// <summary>
    /// Decides which ranges to move so that no member is loaded beyond its fair share by more than
    /// <paramref name="tolerance"/>, moving as few bytes as it can (see docs/sharding.md, "Rebalancing"). A member's load
    /// is the bytes of its placements over all plans; its weight is the room it offers, its free bytes plus its load; its
    /// fair share is the total load times its weight over all healthy members' weight. The moves keep every range's
    /// replicas, never place a leaf twice on one member, and never raise the largest load ÷ share.
    /// </summary>
    /// <param name="plans">The plans in force.</param>
    /// <param name="outlines">The outlines of the plans whose ranges may be split (a range larger than needed moves its tail); a plan without one moves whole placements only.</param>
    /// <param name="topology">The members now: healthy targets with their capacity and free bytes.</param>
    /// <param name="budgetBytes">The most bytes to move (a splittable range is cut to it; the first move may exceed it when its range cannot be); 0 or less moves nothing.</param>
    /// <param name="options">The sharding options (<see cref="ShardingOptions.MinRangeBytes"/>, <see cref="ShardingOptions.LinkThreshold"/>); <see langword="null"/> for the defaults.</param>
    /// <param name="tolerance">How far above its share the most loaded member may stay (0.1: 110 %).</param>
    /// <param name="canHold">Whether a member may hold a plan's ranges (its pin's required tags); <see langword="null"/> for any.</param>
    /// <returns>The moves and the largest load ÷ share before and after them.</returns>
    public static ShardRebalance Rebalance(
        IReadOnlyList<ShardPlan> plans, IReadOnlyDictionary<Cid, DagOutline> outlines, ClusterNode topology, long budgetBytes,
        ShardingOptions? options = null, double tolerance = 0.1, Func<ShardPlan, string, bool>? canHold = null)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(outlines);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        options ??= new ShardingOptions();
        var dags = plans.Select(plan => (plan, outlines.TryGetValue(plan.Root, out var outline) ? Split(outline, plan, options) : null)).ToList();
        var rebalancer = new Rebalancer(dags, topology);
        var before = rebalancer.MaxShare();
        var moves = rebalancer.Run(budgetBytes, tolerance, options.MinRangeBytes, canHold ?? ((_, _) => true));
        return new ShardRebalance(moves, before, rebalancer.MaxShare());
    }

    private static FlatDag? Split(DagOutline outline, ShardPlan plan, ShardingOptions options)
    {
        var dag = FlatDag.Create(outline);
        return dag.TotalLinks > options.LinkThreshold && plan.Root.Equals(outline.Root) && dag.LeafCount == plan.TotalLeaves ? dag : null;
    }

    /// <summary>Plans one leaf range of a sub-cluster as its parent would (for tests of the recursion).</summary>
    internal static ShardPlan PlanRange(DagOutline outline, ClusterNode topology, long firstLeaf, long leafCount, ShardingOptions? options = null)
    {
        var context = PlanContext.Create(outline, topology, options);
        var planner = context.CreatePlanner();
        if (!planner.PlanRange(0, checked((int)firstLeaf), checked((int)(firstLeaf + leafCount)), 0))
        {
            throw context.CapacityError();
        }

        return context.ToPlan(planner.Output);
    }

    private static bool TryRange(RangePlanner planner, int scope, int first, int end, int replica)
    {
        var free = (long[])planner.Free.Clone();
        var count = planner.Output.Count;
        if (planner.PlanRange(scope, first, end, replica))
        {
            return true;
        }

        free.CopyTo(planner.Free, 0);
        planner.Output.RemoveRange(count, planner.Output.Count - count);
        return false;
    }

    private static bool RepairWhole(PlanContext context, RangePlanner planner, int scope, int replica)
    {
        var holders = planner.Holdings.Select(h => h.Target).Concat(planner.Output.Select(o => o.Target)).ToHashSet();
        var bytes = context.Dag.TotalBytes;
        var chosen = WholeDagAllocator.Select(context.Topology, planner.Free, bytes, 1, context.Strategy, scope, holders);
        if (chosen is null)
        {
            return false;
        }

        planner.Output.Add(new Assignment(chosen[0], replica, 0, context.Dag.LeafCount));
        return true;
    }
}
