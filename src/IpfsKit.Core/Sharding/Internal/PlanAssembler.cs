namespace IpfsKit.Sharding.Internal;

/// <summary>Turns assignments into placements: adjacent ranges of one target and replica merged, pins as minimal covers, sorted.</summary>
internal static class PlanAssembler
{
    public static List<ShardPlacement> Placements(FlatDag dag, FlatTopology topology, IEnumerable<Assignment> assignments)
    {
        var sorted = assignments.OrderBy(a => a.Replica).ThenBy(a => a.Target).ThenBy(a => a.First).ToList();
        var merged = new List<Assignment>(sorted.Count);
        foreach (var a in sorted)
        {
            if (merged.Count > 0 && merged[^1] is var last && last.Target == a.Target && last.Replica == a.Replica && last.End == a.First)
            {
                merged[^1] = last with { End = a.End };
            }
            else
            {
                merged.Add(a);
            }
        }

        var placements = new List<ShardPlacement>(merged.Count);
        var pins = new List<ShardPin>();
        var seen = new HashSet<ShardPin>();
        foreach (var a in merged.OrderBy(a => a.Replica).ThenBy(a => a.First).ThenBy(a => topology.TargetIds[a.Target], StringComparer.Ordinal))
        {
            pins.Clear();
            seen.Clear();
            dag.Cover(a.First, a.End, pins);
            var unique = new List<ShardPin>(pins.Count);
            foreach (var pin in pins)
            {
                if (seen.Add(pin))
                {
                    unique.Add(pin);
                }
            }

            placements.Add(new ShardPlacement(
                topology.TargetIds[a.Target], a.Replica, a.First, a.End - a.First, dag.Bytes(a.First, a.End), unique));
        }

        return placements;
    }
}
