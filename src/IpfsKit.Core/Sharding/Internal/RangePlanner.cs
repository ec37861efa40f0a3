namespace IpfsKit.Sharding.Internal;

/// <summary>
/// The recursive proportional split: a cluster cuts its leaf range into contiguous ranges, one per child in the
/// strategy's order, proportional to the children's weights, snapped to leaf boundaries, never above a child's
/// capacity; each cluster child splits its range again, down to targets.
/// </summary>
/// <remarks>
/// Replicas: <see cref="Holdings"/> are the ranges already placed (earlier replicas, or the survivors' ranges in a
/// repair). A cluster first cuts its range into segments where the set of holding targets is constant; for each
/// segment it prefers the children that hold none of it (other failure domains), and only when they cannot take it
/// falls back to children with a free target that does not hold it. A target never takes a leaf it holds.
/// Capacity: a child's capacity is its eligible free bytes minus a reserve of <c>height × Unit</c> per eligible
/// target (what the cuts below it can waste), so whatever range fits a child also fits its targets.
/// </remarks>
internal sealed class RangePlanner
{
    private readonly FlatDag _dag;
    private readonly FlatTopology _topology;
    private readonly IAllocationStrategy _strategy;
    private readonly long _minRangeBytes;

    public RangePlanner(FlatDag dag, FlatTopology topology, IAllocationStrategy strategy, long minRangeBytes)
    {
        _dag = dag;
        _topology = topology;
        _strategy = strategy;
        _minRangeBytes = minRangeBytes;
        Free = (long[])topology.InitialFree.Clone();
    }

    /// <summary>Gets the free bytes left per target.</summary>
    public long[] Free { get; }

    /// <summary>Gets the ranges that already hold leaves (their targets must not take them again).</summary>
    public List<Assignment> Holdings { get; } = [];

    /// <summary>Gets the ranges placed so far.</summary>
    public List<Assignment> Output { get; } = [];

    /// <summary>Places the leaf range [a, b) of one replica on the targets under <paramref name="cluster"/>.</summary>
    /// <returns>Whether it fits; when not, <see cref="Free"/> and <see cref="Output"/> are partly updated.</returns>
    public bool PlanRange(int cluster, int a, int b, int replica)
    {
        if (a >= b)
        {
            return true;
        }

        int first = _topology.TargetFirst(cluster), end = _topology.TargetEnd(cluster);
        var relevant = Holdings.Where(h => h.Target >= first && h.Target < end && h.First < b && h.End > a).ToList();
        if (relevant.Count == 0)
        {
            return Split(cluster, a, b, replica, []);
        }

        var cuts = new SortedSet<int> { a, b };
        foreach (var h in relevant)
        {
            cuts.Add(Math.Max(a, h.First));
            cuts.Add(Math.Min(b, h.End));
        }

        var previous = a;
        foreach (var cut in cuts.Skip(1))
        {
            var occupied = relevant.Where(h => h.First <= previous && h.End >= cut).Select(h => h.Target).ToHashSet();
            if (!Split(cluster, previous, cut, replica, occupied))
            {
                return false;
            }

            previous = cut;
        }

        return true;
    }

    private bool Split(int cluster, int a, int b, int replica, HashSet<int> occupied)
    {
        var primary = new List<Candidate>();
        var all = new List<Candidate>();
        foreach (var child in _topology.Children(cluster))
        {
            long free = 0, eligible = 0;
            var holds = false;
            for (var t = _topology.TargetFirst(child); t < _topology.TargetEnd(child); t++)
            {
                if (occupied.Contains(t))
                {
                    holds = true;
                }
                else if (Free[t] > 0)
                {
                    free += Free[t];
                    eligible++;
                }
            }

            var capacity = free - (eligible * _topology.Height(child) * _dag.Unit);
            if (capacity <= 0)
            {
                continue;
            }

            var candidate = new Candidate(child, capacity, _strategy.Weight(_topology.Node(child), free));
            all.Add(candidate);
            if (!holds)
            {
                primary.Add(candidate);
            }
        }

        return TrySplit(primary, a, b, replica) || (all.Count > primary.Count && TrySplit(all, a, b, replica));
    }

    private bool TrySplit(List<Candidate> candidates, int a, int b, int replica)
    {
        if (candidates.Count == 0)
        {
            return false;
        }

        var ranges = Proportional(candidates, a, b) ?? Fill(candidates, a, b);
        if (ranges is null)
        {
            return false;
        }

        foreach (var (child, first, end) in ranges)
        {
            if (_topology.IsTarget(child))
            {
                var target = _topology.TargetFirst(child);
                Free[target] -= _dag.Bytes(first, end);
                Output.Add(new Assignment(target, replica, first, end));
            }
            else if (!PlanRange(child, first, end, replica))
            {
                return false;
            }
        }

        return true;
    }

    private List<(int Child, int First, int End)>? Proportional(List<Candidate> candidates, int a, int b)
    {
        var kept = candidates.Where(c => c.Weight > 0 && !double.IsNaN(c.Weight)).ToList();
        if (kept.Count == 0)
        {
            return null;
        }

        double span = _dag.Cost[b] - _dag.Cost[a];
        while (kept.Count > 1)
        {
            var weights = kept.Sum(c => c.Weight);
            var smallest = kept.Count - 1;
            for (var i = kept.Count - 2; i >= 0; i--)
            {
                smallest = kept[i].Weight < kept[smallest].Weight ? i : smallest;
            }

            if (span * kept[smallest].Weight / weights >= _minRangeBytes)
            {
                break;
            }

            kept.RemoveAt(smallest);
        }

        var total = kept.Sum(c => c.Weight);
        var ranges = new List<(int, int, int)>(kept.Count);
        double cumulative = 0;
        var position = a;
        for (var i = 0; i < kept.Count; i++)
        {
            cumulative += kept[i].Weight;
            var end = i == kept.Count - 1 ? b : _dag.Nearest(position, b, _dag.Cost[a] + (span * cumulative / total));
            end = Math.Min(end, _dag.MaxFit(position, b, kept[i].Capacity));
            if (i == kept.Count - 1 && end < b)
            {
                return null;
            }

            if (end > position)
            {
                ranges.Add((kept[i].Node, position, end));
                position = end;
            }
        }

        return ranges;
    }

    private List<(int Child, int First, int End)>? Fill(List<Candidate> candidates, int a, int b)
    {
        var ranges = new List<(int, int, int)>();
        var position = a;
        foreach (var candidate in candidates)
        {
            var end = _dag.MaxFit(position, b, candidate.Capacity);
            if (end > position)
            {
                ranges.Add((candidate.Node, position, end));
                position = end;
            }
        }

        return position == b ? ranges : null;
    }

    private readonly record struct Candidate(int Node, long Capacity, double Weight);
}
