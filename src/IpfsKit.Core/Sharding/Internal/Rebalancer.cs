
namespace IpfsKit.Sharding.Internal;

/// <summary>
/// The greedy behind <see cref="ShardPlanner.Rebalance"/>. A member's load is the bytes of its placements; its weight is
/// the room it offers the cluster, its free bytes plus its load (equal weights when some member states no capacity); its
/// fair share is the total load times its weight over all members' weight. While the
/// most loaded member (load ÷ share) is above 1 + tolerance, one range moves from it to the least loaded member that
/// can take it: a member that holds no leaf of that range in the same plan, has the free bytes and is allowed to hold
/// the pin. A range larger than needed is split (its tail moves) when the plan is sharded and both parts stay at least
/// <see cref="ShardingOptions.MinRangeBytes"/> and the old member's part is covered by pins it already holds. A move is taken only if both members end below the old maximum, so the
/// maximum never rises; among the moves that bring both within the tolerance the smallest wins, else the one that
/// lowers the pair's maximum most. A range moves at most once a call (what the old member keeps of a split one may split again, always smaller, so the
/// loop stops), and the bytes stay within the budget: a splittable range is cut to the budget left, and only the first
/// move of a call may exceed it (a range that cannot be cut small enough still moves).
/// </summary>
internal sealed class Rebalancer
{
    private readonly List<Entry> _entries = [];
    private readonly string[] _ids;
    private readonly double[] _weight;
    private readonly long[] _load;
    private readonly long[] _free;
    private double _total;

    public Rebalancer(IReadOnlyList<(ShardPlan Plan, FlatDag? Dag)> plans, ClusterNode topology)
    {
        var members = new List<(string Id, TargetNode Node)>();
        Flatten(topology, string.Empty, members);
        members.RemoveAll(m => !m.Node.Healthy);
        _ids = [.. members.Select(m => m.Id)];
        _free = [.. members.Select(m => Math.Max(0, m.Node.FreeBytes))];
        _load = new long[_ids.Length];
        for (var i = 0; i < plans.Count; i++)
        {
            foreach (var p in plans[i].Plan.Placements)
            {
                var member = Array.IndexOf(_ids, p.Target);
                if (member >= 0)
                {
                    _load[member] += p.Bytes;
                }

                _entries.Add(new Entry(i, plans[i].Plan, plans[i].Dag, p, member));
            }
        }

        _total = _load.Sum();

        // The room a member offers: what it has left plus what it holds for these plans (its capacity when nothing
        // else uses its disk), so a member whose disk fills with other data weighs less.
        var stated = members.All(m => m.Node.CapacityBytes > 0);
        _weight = [.. members.Select((m, i) => stated ? (double)(_free[i] + _load[i]) : 1d)];
        if (_weight.Sum() <= 0)
        {
            Array.Fill(_weight, 1d);
        }
    }

    public double MaxShare() => _ids.Length == 0 || _total <= 0 ? 0 : Enumerable.Range(0, _ids.Length).Max(Share);

    public List<ShardMove> Run(long budget, double tolerance, long minRangeBytes, Func<ShardPlan, string, bool> canHold)
    {
        var moves = new List<ShardMove>();
        long spent = 0;
        while (budget > 0 && _total > 0 && _ids.Length > 1)
        {
            var over = Enumerable.Range(0, _ids.Length).MaxBy(Share);
            var worst = Share(over);
            if (worst <= 1 + tolerance)
            {
                break;
            }

            Candidate? best = null;
            foreach (var under in Enumerable.Range(0, _ids.Length).Where(m => m != over).OrderBy(Share).ThenBy(m => _ids[m], StringComparer.Ordinal))
            {
                var room = spent == 0 ? long.MaxValue : budget - spent;
                foreach (var entry in _entries.Where(e => e.Member == over && !e.Moved && e.Placement.Bytes > 0 && canHold(e.Plan, _ids[under])))
                {
                    var candidate = Consider(entry, over, under, worst, tolerance, minRangeBytes, room, budget - spent);
                    if (candidate is not null && (best is null || Better(candidate, best)))
                    {
                        best = candidate;
                    }
                }

                if (best is not null)
                {
                    break;
                }
            }

            if (best is null)
            {
                break;
            }

            moves.Add(Apply(best, over));
            spent += best.To.Bytes;
        }

        return moves;
    }

    private static void Flatten(TopologyNode node, string prefix, List<(string Id, TargetNode Node)> members)
    {
        switch (node)
        {
            case TargetNode target:
                members.Add((prefix + target.Name, target));
                break;
            case ClusterNode cluster:
                foreach (var child in cluster.Children)
                {
                    Flatten(child, child is ClusterNode c ? $"{prefix}{c.Name}/" : prefix, members);
                }

                break;
        }
    }

    private double Fair(int member) => _total * _weight[member] / _weight.Sum();

    private double Share(int member) => Share(member, _load[member]);

    private double Share(int member, long load) => Fair(member) <= 0 ? (load > 0 ? double.MaxValue : 0) : load / Fair(member);

    private Candidate? Consider(Entry entry, int over, int under, double worst, double tolerance, long minRangeBytes, long room, long left)
    {
        var p = entry.Placement;
        var first = checked((int)p.FirstLeaf);
        var end = checked((int)(p.FirstLeaf + p.LeafCount));

        // A splittable range is cut to what is needed and to the budget left (the first move of a call too, when it can).
        var need = Math.Min((long)Math.Min(_load[over] - Fair(over), Fair(under) - _load[under]), Math.Max(1, left));
        var cut = entry.Dag is { } dag && p.Bytes > need ? Cut(dag, p, first, end, need, minRangeBytes) : first;
        var moved = cut == first ? p.Bytes : entry.Dag!.Bytes(cut, end);
        var kept = cut == first ? 0 : entry.Dag!.Bytes(first, cut);
        if (moved > room || moved > _free[under] || Overlaps(entry, under, cut, end))
        {
            return null;
        }

        var after = Math.Max(Share(over, _load[over] - p.Bytes + kept), Share(under, _load[under] + moved));
        if (after >= worst)
        {
            return null;
        }

        var within = after <= 1 + tolerance;
        var to = cut == first ? p with { Target = _ids[under] } : Part(entry, _ids[under], cut, end);
        var head = cut == first ? null : Part(entry, p.Target, first, cut);
        return new Candidate(entry, under, to, head, within ? 0 : 1, within ? moved : after);
    }

    /// <summary>
    /// Where to split a range so that its tail moves: the largest tail within <paramref name="need"/> bytes, else the
    /// smallest; both parts at least <paramref name="minRangeBytes"/>, and the head's pins among the range's pins (so the
    /// old member already holds exactly them, and the release of the range's other pins leaves them). <paramref name="first"/> when none.
    /// </summary>
    private static int Cut(FlatDag dag, ShardPlacement p, int first, int end, long need, long minRangeBytes)
    {
        var fit = first;
        var held = p.Pins.ToHashSet();
        var pins = new List<ShardPin>();
        for (var c = end - 1; c > first; c--)
        {
            var tail = dag.Bytes(c, end);
            if (tail < minRangeBytes)
            {
                continue;
            }

            if (dag.Bytes(first, c) < minRangeBytes)
            {
                break;
            }

            pins.Clear();
            dag.Cover(first, c, pins);
            if (!pins.All(held.Contains))
            {
                continue;
            }

            if (tail > need)
            {
                return fit == first ? c : fit;
            }

            fit = c;
        }

        return fit;
    }

    private static ShardPlacement Part(Entry entry, string target, int first, int end)
    {
        var pins = new List<ShardPin>();
        entry.Dag!.Cover(first, end, pins);
        return new ShardPlacement(target, entry.Placement.Replica, first, end - first, entry.Dag.Bytes(first, end), pins);
    }

    private static bool Better(Candidate a, Candidate b) =>
        a.Tier != b.Tier ? a.Tier < b.Tier
        : a.Cost != b.Cost ? a.Cost < b.Cost
        : string.CompareOrdinal(a.To.Target, b.To.Target) < 0;

    private bool Overlaps(Entry entry, int under, long first, long end) =>
        _entries.Any(e => e.PlanIndex == entry.PlanIndex && e.Member == under
            && (entry.Plan.TotalLeaves == 0 || (e.Placement.FirstLeaf < end && first < e.Placement.FirstLeaf + e.Placement.LeafCount)));

    private ShardMove Apply(Candidate best, int over)
    {
        var entry = best.Entry;
        _entries.Remove(entry);
        _entries.Add(entry with { Placement = best.To, Member = best.Under, Moved = true });
        if (best.Kept is { } kept)
        {
            _entries.Add(entry with { Placement = kept });
        }

        _load[over] -= entry.Placement.Bytes - (best.Kept?.Bytes ?? 0);
        _total += best.To.Bytes + (best.Kept?.Bytes ?? 0) - entry.Placement.Bytes;
        _load[best.Under] += best.To.Bytes;
        _free[best.Under] -= best.To.Bytes;
        return new ShardMove(entry.Plan.Root, entry.Placement, best.To, best.Kept);
    }

    private sealed record Entry(int PlanIndex, ShardPlan Plan, FlatDag? Dag, ShardPlacement Placement, int Member, bool Moved = false);

    private sealed record Candidate(Entry Entry, int Under, ShardPlacement To, ShardPlacement? Kept, int Tier, double Cost);
}
