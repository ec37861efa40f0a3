namespace IpfsKit.Sharding.Internal;

/// <summary>
/// Chooses the targets of a DAG pinned whole: each copy goes to the healthy target with room for all of it in the
/// least used child of the scope (other failure domains first), the strategy's heaviest first, earliest on ties.
/// </summary>
internal static class WholeDagAllocator
{
    /// <summary>
    /// Chooses <paramref name="count"/> distinct targets under <paramref name="scope"/>, or returns null; the
    /// <paramref name="excluded"/> targets count as copies already in their child when <paramref name="countExcluded"/>.
    /// </summary>
    public static List<int>? Select(
        FlatTopology topology, long[] free, long bytes, int count, IAllocationStrategy strategy, int scope, ISet<int> excluded, bool countExcluded = false)
    {
        var children = topology.Children(scope);
        var used = new int[children.Count];
        for (var domain = 0; countExcluded && domain < children.Count; domain++)
        {
            used[domain] = excluded.Count(t => t >= topology.TargetFirst(children[domain]) && t < topology.TargetEnd(children[domain]));
        }

        var chosen = new List<int>(count);
        for (var copy = 0; copy < count; copy++)
        {
            int best = -1, bestDomain = -1;
            var bestWeight = double.NegativeInfinity;
            for (var domain = 0; domain < children.Count; domain++)
            {
                for (var t = topology.TargetFirst(children[domain]); t < topology.TargetEnd(children[domain]); t++)
                {
                    if (!topology.Healthy[t] || free[t] < bytes || excluded.Contains(t) || chosen.Contains(t))
                    {
                        continue;
                    }

                    var weight = strategy.Weight(topology.Node(topology.TargetNode(t)), free[t]);
                    weight = double.IsNaN(weight) ? double.NegativeInfinity : weight;
                    if (best < 0 || used[domain] < used[bestDomain] || (used[domain] == used[bestDomain] && weight > bestWeight))
                    {
                        (best, bestDomain, bestWeight) = (t, domain, weight);
                    }
                }
            }

            if (best < 0)
            {
                return null;
            }

            chosen.Add(best);
            used[bestDomain]++;
            free[best] -= bytes;
        }

        return chosen;
    }
}
