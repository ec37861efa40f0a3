namespace IpfsKit.Sharding.Internal;

/// <summary>
/// Tops a plan up to its replication: the leaves held by fewer healthy targets than wanted get the missing replicas,
/// each on a target that holds none of those leaves, other failure domains first (as the planner places replicas);
/// the existing placements stay. What does not fit now is left for a later call.
/// </summary>
internal static class ReplicaFiller
{
    public static ShardPlan Fill(ShardPlan plan, PlanContext context)
    {
        var dag = context.Dag;
        var flat = context.Topology;
        var wanted = Math.Min(context.Options.Replication, flat.Healthy.Count(h => h));
        var planner = context.CreatePlanner();
        foreach (var p in plan.Placements)
        {
            var target = flat.FindTarget(p.Target);
            if (target >= 0 && flat.Healthy[target])
            {
                planner.Holdings.Add(new Assignment(target, p.Replica, checked((int)p.FirstLeaf), checked((int)(p.FirstLeaf + p.LeafCount))));
            }
        }

        if (context.Whole)
        {
            FillWhole(context, planner, wanted);
        }
        else
        {
            FillRanges(planner, dag.LeafCount, wanted);
        }

        return context.ToPlan(planner.Output, wanted);
    }

    /// <summary>The number of distinct healthy targets holding the least held leaf (0 when a leaf is held by none).</summary>
    public static int LiveReplicas(ShardPlan plan, Func<string, bool> isLive)
    {
        var live = plan.Placements.Where(p => p.LeafCount > 0 && isLive(p.Target)).ToList();
        if (plan.TotalLeaves == 0)
        {
            return live.Select(p => p.Target).Distinct().Count();
        }

        var cuts = new SortedSet<long> { 0, plan.TotalLeaves };
        foreach (var p in live)
        {
            cuts.Add(p.FirstLeaf);
            cuts.Add(p.FirstLeaf + p.LeafCount);
        }

        var least = int.MaxValue;
        foreach (var cut in cuts.Where(c => c < plan.TotalLeaves))
        {
            var holders = live.Where(p => p.FirstLeaf <= cut && cut < p.FirstLeaf + p.LeafCount).Select(p => p.Target).Distinct().Count();
            least = Math.Min(least, holders);
        }

        return least == int.MaxValue ? 0 : least;
    }

    private static void FillWhole(PlanContext context, RangePlanner planner, int wanted)
    {
        var holders = planner.Holdings.Select(h => h.Target).ToHashSet();
        var replicas = planner.Holdings.Select(h => h.Replica).ToHashSet();
        for (var need = wanted - holders.Count; need > 0; need--)
        {
            // As many copies as fit now; each in the least used top-level child, counting the holders' children.
            var free = (long[])planner.Free.Clone();
            var chosen = WholeDagAllocator.Select(context.Topology, free, context.Dag.TotalBytes, need, context.Strategy, 0, holders, countExcluded: true);
            if (chosen is not null)
            {
                free.CopyTo(planner.Free, 0);
                foreach (var target in chosen)
                {
                    planner.Output.Add(new Assignment(target, NextFree(replicas), 0, context.Dag.LeafCount));
                }

                return;
            }
        }
    }

    private static void FillRanges(RangePlanner planner, int leaves, int wanted)
    {
        var missing = MissingReplicas(planner.Holdings, leaves, wanted);
        foreach (var replica in missing.Keys.Order())
        {
            var start = planner.Output.Count;
            foreach (var (first, end) in missing[replica])
            {
                TryRange(planner, first, end, replica);
            }

            planner.Holdings.AddRange(planner.Output.Skip(start));
        }
    }

    /// <summary>For each replica index below <paramref name="wanted"/>, the leaf ranges lacking it (held by too few targets).</summary>
    private static Dictionary<int, List<(int First, int End)>> MissingReplicas(List<Assignment> holdings, int leaves, int wanted)
    {
        var cuts = new SortedSet<int> { 0, leaves };
        foreach (var h in holdings)
        {
            cuts.Add(h.First);
            cuts.Add(h.End);
        }

        var missing = new Dictionary<int, List<(int First, int End)>>();
        var points = cuts.Where(c => c >= 0 && c <= leaves).ToList();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            int a = points[i], b = points[i + 1];
            var covering = holdings.Where(h => h.First <= a && h.End >= b).ToList();
            var present = covering.Select(h => h.Replica).ToHashSet();
            var lacking = wanted - covering.Select(h => h.Target).Distinct().Count();
            for (var replica = 0; lacking > 0; replica++)
            {
                if (present.Contains(replica))
                {
                    continue;
                }

                var list = missing.TryGetValue(replica, out var found) ? found : missing[replica] = [];
                if (list.Count > 0 && list[^1].End == a)
                {
                    list[^1] = (list[^1].First, b);
                }
                else
                {
                    list.Add((a, b));
                }

                lacking--;
            }
        }

        return missing;
    }

    private static void TryRange(RangePlanner planner, int first, int end, int replica)
    {
        var free = (long[])planner.Free.Clone();
        var count = planner.Output.Count;
        if (!planner.PlanRange(0, first, end, replica))
        {
            free.CopyTo(planner.Free, 0);
            planner.Output.RemoveRange(count, planner.Output.Count - count);
        }
    }

    private static int NextFree(HashSet<int> used)
    {
        var replica = 0;
        while (!used.Add(replica))
        {
            replica++;
        }

        return replica;
    }
}
