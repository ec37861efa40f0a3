namespace IpfsKit.Sharding.Internal;

/// <summary>
/// The cheap way to place replica k: replica 0's cuts shifted by k/R of the DAG's bytes, cyclically, so each target
/// takes about the same bytes again in one or two ranges. Used only when it is sound: every target has the free bytes
/// for it and no top-level child of the root then holds a leaf twice (so the failure domains differ); otherwise the
/// caller plans the replica segment by segment (<see cref="RangePlanner"/>).
/// </summary>
internal static class RotatedReplica
{
    /// <summary>Places replica <paramref name="replica"/> by rotation, or changes nothing and returns false.</summary>
    public static bool TryPlace(RangePlanner planner, FlatDag dag, FlatTopology topology, int replica, int replication)
    {
        var first = planner.Output.Where(a => a.Replica == 0).OrderBy(a => a.First).ToList();
        var leaves = dag.LeafCount;
        if (first.Count < 2 || first[0].First != 0 || first[^1].End != leaves)
        {
            return false;
        }

        var span = (double)dag.TotalBytes;
        var shift = span * replica / replication;
        int Shifted(int cut)
        {
            var cost = (dag.Cost[cut] + shift) % span;
            return dag.Nearest(0, leaves, cost);
        }

        var placed = new List<Assignment>();
        for (var i = 0; i < first.Count; i++)
        {
            int start = Shifted(first[i].First), end = Shifted(first[i].End);
            var target = first[i].Target;
            if (start < end)
            {
                placed.Add(new Assignment(target, replica, start, end));
            }
            else if (start > end || first.Count == 1)
            {
                placed.Add(new Assignment(target, replica, start, leaves));
                placed.Add(new Assignment(target, replica, 0, end));
            }
        }

        placed.RemoveAll(a => a.First >= a.End);

        // A range whose shifted ends land on the same leaf is taken as empty; when it was in fact (nearly) the whole
        // circle (a tiny range beside it rounded to nothing), the pieces no longer hold every leaf: plan it by segments.
        if (placed.Sum(a => (long)(a.End - a.First)) != leaves
            || !Fits(planner, dag, placed) || !DomainsApart(planner, topology, placed))
        {
            return false;
        }

        foreach (var a in placed)
        {
            planner.Free[a.Target] -= dag.Bytes(a.First, a.End);
            planner.Output.Add(a);
        }

        return true;
    }

    private static bool Fits(RangePlanner planner, FlatDag dag, List<Assignment> placed) =>
        placed.GroupBy(a => a.Target).All(g => g.Sum(a => dag.Bytes(a.First, a.End)) <= planner.Free[g.Key]);

    private static bool DomainsApart(RangePlanner planner, FlatTopology topology, List<Assignment> placed)
    {
        foreach (var domain in planner.Output.Concat(placed).GroupBy(a => topology.ChildToward(0, a.Target)))
        {
            var end = 0;
            foreach (var a in domain.OrderBy(a => a.First))
            {
                if (a.First < end)
                {
                    return false;
                }

                end = Math.Max(end, a.End);
            }
        }

        return true;
    }
}
