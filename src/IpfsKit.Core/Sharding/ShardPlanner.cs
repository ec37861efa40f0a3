using IpfsKit.Content;

namespace IpfsKit.Sharding;

/// <summary>
/// STAND-IN planner, written by the executor's author so the executor can be built and tested before the real
/// planner lands: same API, simpler rules (equal split by leaf count down a flat or two-level topology, minimal cover,
/// replicas rotated over the targets). Drop this file at merge in favour of the real one.
/// </summary>
public static class ShardPlanner
{
    /// <summary>Plans where each part of a DAG is pinned.</summary>
    /// <param name="outline">The DAG's internal nodes.</param>
    /// <param name="topology">The root cluster.</param>
    /// <param name="options">Threshold, replication, minimum range. <value>The default value is <see langword="null"/>: the defaults.</value></param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">The topology has no healthy target.</exception>
    public static ShardPlan Plan(DagOutline outline, ClusterNode topology, ShardingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(topology);
        options ??= new ShardingOptions();
        var shape = new Shape(outline);
        var targets = Targets(topology, path: null).ToList();
        if (targets.Count == 0)
        {
            throw new ArgumentException("The topology has no healthy target.", nameof(topology));
        }

        var replication = Math.Min(Math.Max(1, options.Replication), targets.Count);
        var ranges = new List<(string Target, long First, long Count)>();
        if (outline.Nodes.Values.Sum(n => (long)n.Links.Count) <= options.LinkThreshold)
        {
            ranges.Add((targets[0], 0, shape.Leaves(outline.Root)));
        }
        else
        {
            Split(topology, prefix: null, 0, shape.Leaves(outline.Root), shape, options, ranges);
        }

        var placements = new List<ShardPlacement>();
        for (var replica = 0; replica < replication; replica++)
        {
            foreach (var (target, first, count) in ranges)
            {
                var holder = targets[(targets.IndexOf(target) + replica) % targets.Count];
                placements.Add(shape.Place(holder, replica, first, count));
            }
        }

        return new ShardPlan(outline.Root, shape.Leaves(outline.Root), shape.DagBytes(outline.Root), replication, placements);
    }

    /// <summary>Re-plans a dead target's ranges onto the survivors of its own cluster first, else onto all survivors.</summary>
    /// <param name="plan">The plan in force.</param>
    /// <param name="outline">The DAG's internal nodes.</param>
    /// <param name="topology">The root cluster (the dead target may still be in it; it is never chosen).</param>
    /// <param name="deadTarget">The dead target's id.</param>
    /// <param name="options">As for <see cref="Plan"/>. <value>The default value is <see langword="null"/>.</value></param>
    /// <returns>A plan holding only the new placements that replace the dead target's.</returns>
    /// <exception cref="ArgumentException">No target survives.</exception>
    public static ShardPlan Repair(ShardPlan plan, DagOutline outline, ClusterNode topology, string deadTarget, ShardingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(topology);
        var shape = new Shape(outline);
        var all = Targets(topology, path: null).Where(t => t != deadTarget).ToList();
        var slash = deadTarget.LastIndexOf('/');
        var siblings = slash < 0 ? all : all.Where(t => t.StartsWith(deadTarget[..(slash + 1)], StringComparison.Ordinal)).ToList();
        var survivors = siblings.Count > 0 ? siblings : all;
        if (survivors.Count == 0)
        {
            throw new ArgumentException($"No target survives {deadTarget}.", nameof(deadTarget));
        }

        var placements = new List<ShardPlacement>();
        foreach (var dead in plan.Placements.Where(p => p.Target == deadTarget))
        {
            // Never give a replica to a target that already holds another replica of the same leaves, when avoidable.
            var holders = plan.Placements.Where(p => p.Target != deadTarget && Overlaps(p, dead)).Select(p => p.Target).ToHashSet();
            var free = survivors.Where(t => !holders.Contains(t)).ToList();
            var chosen = free.Count > 0 ? free : survivors;
            var parts = Math.Min(chosen.Count, (int)dead.LeafCount);
            for (var i = 0; i < parts; i++)
            {
                var first = dead.FirstLeaf + (dead.LeafCount * i / parts);
                var next = dead.FirstLeaf + (dead.LeafCount * (i + 1) / parts);
                placements.Add(shape.Place(chosen[i], dead.Replica, first, next - first));
            }
        }

        return plan with { Placements = placements };
    }

    private static bool Overlaps(ShardPlacement a, ShardPlacement b) =>
        a.FirstLeaf < b.FirstLeaf + b.LeafCount && b.FirstLeaf < a.FirstLeaf + a.LeafCount;

    /// <summary>The ids of the healthy targets under <paramref name="node"/>, whose own id is <paramref name="path"/>.</summary>
    private static IEnumerable<string> Targets(TopologyNode node, string? path) => node switch
    {
        TargetNode { Healthy: true } => [path!],
        ClusterNode c => c.Children.SelectMany(child => Targets(child, path is null ? child.Name : path + "/" + child.Name)),
        _ => [],
    };

    private static void Split(ClusterNode cluster, string? prefix, long first, long count, Shape shape, ShardingOptions options, List<(string, long, long)> ranges)
    {
        var children = cluster.Children.Where(c => Targets(c, c.Name).Any()).ToList();
        var bytes = shape.TotalBytes * count / Math.Max(1, shape.TotalLeaves);
        var parts = (int)Math.Clamp(bytes / Math.Max(1, options.MinRangeBytes), 1, Math.Max(1, Math.Min(children.Count, count)));
        for (var i = 0; i < parts; i++)
        {
            var start = first + (count * i / parts);
            var end = first + (count * (i + 1) / parts);
            switch (children[i])
            {
                case TargetNode t:
                    ranges.Add((prefix is null ? t.Name : prefix + "/" + t.Name, start, end - start));
                    break;
                case ClusterNode c:
                    Split(c, prefix is null ? c.Name : prefix + "/" + c.Name, start, end - start, shape, options, ranges);
                    break;
            }
        }
    }

    /// <summary>Leaf counts and DAG sizes of the outline's subtrees, and the minimal cover of a leaf range.</summary>
    private sealed class Shape
    {
        private readonly DagOutline _outline;
        private readonly Dictionary<Cid, long> _leaves = [];
        private readonly Dictionary<Cid, long> _bytes = [];

        public Shape(DagOutline outline)
        {
            _outline = outline;
            TotalLeaves = Leaves(outline.Root);
            TotalBytes = DagBytes(outline.Root);
        }

        public long TotalLeaves { get; }

        public long TotalBytes { get; }

        public long Leaves(Cid cid)
        {
            if (!_outline.Nodes.TryGetValue(cid, out var node))
            {
                return 1;
            }

            if (!_leaves.TryGetValue(cid, out var count))
            {
                count = node.Links.Sum(l => Leaves(l.Cid));
                _leaves[cid] = count;
            }

            return count;
        }

        public long DagBytes(Cid cid)
        {
            if (!_outline.Nodes.TryGetValue(cid, out var node))
            {
                return 0;
            }

            if (!_bytes.TryGetValue(cid, out var bytes))
            {
                bytes = node.BlockBytes + node.Links.Sum(l => l.DagBytes);
                _bytes[cid] = bytes;
            }

            return bytes;
        }

        public ShardPlacement Place(string target, int replica, long first, long count)
        {
            var pins = new List<ShardPin>();
            var bytes = 0L;
            if (!_outline.Nodes.ContainsKey(_outline.Root))
            {
                pins.Add(new ShardPin(_outline.Root, Recursive: true));
                return new ShardPlacement(target, replica, first, count, 0, pins);
            }

            Cover(_outline.Root, DagBytes(_outline.Root), 0, first, first + count, pins, ref bytes);
            return new ShardPlacement(target, replica, first, count, bytes, pins);
        }

        private void Cover(Cid cid, long dagBytes, long start, long from, long to, List<ShardPin> pins, ref long bytes)
        {
            var end = start + Leaves(cid);
            if (end <= from || start >= to)
            {
                return;
            }

            if (start >= from && end <= to)
            {
                pins.Add(new ShardPin(cid, Recursive: true));
                bytes += dagBytes;
                return;
            }

            var node = _outline.Nodes[cid];
            pins.Add(new ShardPin(cid, Recursive: false));
            bytes += node.BlockBytes;
            foreach (var link in node.Links)
            {
                Cover(link.Cid, link.DagBytes, start, from, to, pins, ref bytes);
                start += Leaves(link.Cid);
            }
        }
    }
}
