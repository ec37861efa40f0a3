using IpfsKit.Content;

namespace IpfsKit.Sharding.Internal;

/// <summary>
/// The walk of <see cref="DagOutlineReader"/> over any node source: breadth first from the root, a level at a time with
/// bounded parallelism, results kept in link order so that a bounded read is deterministic.
/// </summary>
/// <remarks>
/// First the children at or above the granule are expanded; the others that may be internal are set aside in order.
/// Then, while the outline has at most the link threshold, the set-aside children are expanded in that order (their own
/// children after them), and the walk stops as soon as the threshold is exceeded: the planner's whole-or-sharded
/// decision is then the one a full read gives. Each distinct node is fetched once.
/// </remarks>
internal static class OutlineWalk
{
    private const int MaxParallelFetches = 8;

    /// <summary>Fetches a node: its outline, or <see langword="null"/> when it has no links (a leaf after all).</summary>
    public delegate ValueTask<OutlineNode?> Fetch(Cid cid, CancellationToken cancellationToken);

    public static async Task<DagOutline> ReadAsync(Cid root, Fetch fetch, Func<OutlineLink, bool> mayBeInternal, OutlineReadOptions options, CancellationToken cancellationToken)
    {
        var nodes = new Dictionary<Cid, OutlineNode>();
        var seen = new HashSet<Cid>();
        var belowGranule = new List<Cid>();
        long links = 0;

        void Add(Cid cid, OutlineNode node, List<Cid> expand)
        {
            nodes.Add(cid, node);
            links += node.Links.Count;
            foreach (var link in node.Links)
            {
                if (mayBeInternal(link) && !seen.Contains(link.Cid))
                {
                    (Expands(link, options.MinExpandBytes) ? expand : belowGranule).Add(link.Cid);
                }
            }
        }

        var level = root.Codec == Multicodec.DagPb ? new List<Cid> { root } : [];
        while (level.Count > 0)
        {
            var batch = level.Where(seen.Add).ToList();
            var next = new List<Cid>();
            var fetched = await FetchAllAsync(batch, fetch, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (fetched[i] is { } node)
                {
                    Add(batch[i], node, next);
                }
            }

            level = next;
        }

        // Below the granule, only while the outline is small enough to be pinned whole.
        for (var head = 0; links <= options.LinkThreshold && head < belowGranule.Count;)
        {
            var batch = new List<Cid>(MaxParallelFetches);
            for (; head < belowGranule.Count && batch.Count < MaxParallelFetches; head++)
            {
                if (seen.Add(belowGranule[head]))
                {
                    batch.Add(belowGranule[head]);
                }
            }

            var fetched = await FetchAllAsync(batch, fetch, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count && links <= options.LinkThreshold; i++)
            {
                if (fetched[i] is { } node)
                {
                    Add(batch[i], node, belowGranule);
                }
            }
        }

        return new DagOutline(root, nodes) { MinExpandBytes = Math.Max(0, options.MinExpandBytes) };
    }

    /// <summary>Whether a child is expanded in the first pass: its subtree bytes (Tsize, else content bytes) are at least the granule, or unknown.</summary>
    public static bool Expands(OutlineLink link, long minExpandBytes)
    {
        var bytes = link.DagBytes > 0 ? link.DagBytes : link.ContentBytes;
        return minExpandBytes <= 0 || bytes <= 0 || bytes >= minExpandBytes;
    }

    private static async Task<OutlineNode?[]> FetchAllAsync(List<Cid> cids, Fetch fetch, CancellationToken cancellationToken)
    {
        var results = new OutlineNode?[cids.Count];
        if (cids.Count == 1)
        {
            results[0] = await fetch(cids[0], cancellationToken).ConfigureAwait(false);
            return results;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelFetches, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, cids.Count), parallel, async (i, token) =>
            results[i] = await fetch(cids[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }
}
