namespace IpfsKit.Sharding;

/// <summary>Chooses the granule of a bounded outline read (<see cref="OutlineReadOptions.MinExpandBytes"/>) for one planning level.</summary>
/// <remarks>
/// The granule is the smallest share a healthy target of the level would get (the DAG's bytes × its free bytes ÷ the
/// level's healthy free bytes, at least <see cref="ShardingOptions.MinRangeBytes"/>) divided by
/// <see cref="RangesPerShare"/>: every cut then falls within one granule of its ideal place, so a target's load is
/// within about 1 / <see cref="RangesPerShare"/> of its ideal (plus the border nodes), and the read fetches at most
/// (DAG depth × DAG bytes ÷ granule) nodes above the granule, whatever the DAG's leaf count (see docs/sharding.md).
/// Thread-safe (stateless).
/// </remarks>
public static class OutlineGranule
{
    /// <summary>How many granules the smallest share spans (K): 64 costs at most about 1.6 % of balance.</summary>
    public const int RangesPerShare = 64;

    /// <summary>The granule for planning a DAG of <paramref name="dagBytes"/> over <paramref name="topology"/>.</summary>
    /// <param name="dagBytes">The DAG's bytes (the root block plus its links' Tsizes).</param>
    /// <param name="topology">The level's members (targets, or clusters of them); their healthy free bytes weigh them.</param>
    /// <param name="options">The planner's options (<see cref="ShardingOptions.MinRangeBytes"/>); <see langword="null"/> for the defaults.</param>
    /// <param name="rangesPerShare">K, the granules per smallest share; <see cref="RangesPerShare"/> unless measured otherwise.</param>
    /// <returns>The granule in bytes; 0 (read everything) when no healthy target has free bytes or the DAG is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dagBytes"/> is negative or <paramref name="rangesPerShare"/> is not positive.</exception>
    public static long For(long dagBytes, ClusterNode topology, ShardingOptions? options = null, int rangesPerShare = RangesPerShare)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentOutOfRangeException.ThrowIfNegative(dagBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rangesPerShare);
        var free = new List<long>();
        Collect(topology, free);
        var total = free.Sum(f => (double)f);
        if (free.Count == 0 || total <= 0 || dagBytes == 0)
        {
            return 0;
        }

        var smallest = dagBytes * (free.Min() / total);
        var share = Math.Max(smallest, (options ?? new ShardingOptions()).MinRangeBytes);
        return (long)Math.Min(dagBytes, share / rangesPerShare);
    }

    private static void Collect(TopologyNode node, List<long> free)
    {
        switch (node)
        {
            case ClusterNode cluster:
                foreach (var child in cluster.Children)
                {
                    Collect(child, free);
                }

                break;
            case TargetNode { Healthy: true, FreeBytes: > 0 } target:
                free.Add(target.FreeBytes);
                break;
        }
    }
}
