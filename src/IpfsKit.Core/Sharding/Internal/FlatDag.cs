using IpfsKit.Content;

namespace IpfsKit.Sharding.Internal;

/// <summary>
/// A <see cref="DagOutline"/> unrolled once, depth first, into arrays: the leaves in order with prefix sums of their
/// cost, and the internal node occurrences with their leaf spans, so that the bytes of any leaf range are O(1) and its
/// minimal cover is O(pins + depth × log fan-out).
/// </summary>
/// <remarks>
/// Each internal node's block is charged to the first leaf under it, so for a range [a, b) the stored bytes are
/// <c>Cost[b] − Cost[a] + LeftBorder[a]</c>, where <c>LeftBorder[a]</c> sums the blocks of the ancestors of leaf a that
/// start before it (the border nodes pinned directly on the left). An outlined node with no leaf under it (an empty
/// directory) counts as one leaf, pinned recursively. A repeated block counts each time the DAG links it.
/// </remarks>
internal sealed partial class FlatDag
{
    private const int MaxDepth = 4096;

    private readonly List<Cid> _leafCids = [];
    private readonly List<long> _cost = [0];
    private readonly List<long> _leftBorder = [];
    private readonly List<Cid> _occCid = [];
    private readonly List<int> _occStart = [];
    private readonly List<int> _occEnd = [];
    private readonly List<int> _occFirstLink = [];
    private readonly List<int> _occLinkCount = [];
    private readonly List<int> _linkRef = [];
    private readonly List<int> _linkStart = [];
    private readonly Dictionary<Cid, bool> _hasLeaf = [];
    private readonly IReadOnlyDictionary<Cid, OutlineNode> _nodes;

    private FlatDag(DagOutline outline)
    {
        _nodes = outline.Nodes;
        Root = outline.Root;
        foreach (var node in _nodes.Values)
        {
            TotalLinks += node.Links.Count;
        }

        // The distinct nodes' links are the leaves and links of a DAG without repeats: size the arrays once.
        var expected = (int)Math.Min(TotalLinks + 1, 1 << 24);
        _leafCids.EnsureCapacity(expected);
        _cost.EnsureCapacity(expected + 1);
        _leftBorder.EnsureCapacity(expected);
        _linkRef.EnsureCapacity(expected);
        _linkStart.EnsureCapacity(expected);

        if (!_nodes.TryGetValue(Root, out var root))
        {
            AddLeaf(Root, 0, 0, 0);
        }
        else if (!HasLeaf(root, 0))
        {
            AddLeaf(Root, SubtreeBytes(root, 0), 0, 0);
        }
        else
        {
            Walk(root);
        }

        Cost = [.. _cost];
        LeftBorder = [.. _leftBorder, 0];
        LeafCids = [.. _leafCids];
        for (var i = 0; i < LeafCids.Length; i++)
        {
            MaxLeafCost = Math.Max(MaxLeafCost, Cost[i + 1] - Cost[i]);
            MaxBorder = Math.Max(MaxBorder, LeftBorder[i]);
        }
    }

    /// <summary>Gets the root.</summary>
    public Cid Root { get; }

    /// <summary>Gets the sum of the links of the outlined (distinct) nodes: what the threshold is compared with.</summary>
    public long TotalLinks { get; }

    /// <summary>Gets the leaf CIDs in depth-first order.</summary>
    public Cid[] LeafCids { get; }

    /// <summary>Gets the number of leaves.</summary>
    public int LeafCount => LeafCids.Length;

    /// <summary>Gets the prefix sums of the leaf costs (a leaf's bytes plus the blocks of the nodes starting at it).</summary>
    public long[] Cost { get; }

    /// <summary>Gets, per leaf, the blocks of its ancestors that start before it (length LeafCount + 1).</summary>
    public long[] LeftBorder { get; }

    /// <summary>Gets the largest single leaf cost.</summary>
    public long MaxLeafCost { get; }

    /// <summary>Gets the largest left border.</summary>
    public long MaxBorder { get; }

    /// <summary>Gets the bytes of the whole DAG.</summary>
    public long TotalBytes => Cost[^1];

    /// <summary>Gets the most one cut can cost beyond the proportional ideal: a leaf plus a border.</summary>
    public long Unit => MaxLeafCost + MaxBorder;

    public static FlatDag Create(DagOutline outline)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(outline.Nodes);
        return new FlatDag(outline);
    }

    /// <summary>The bytes a target stores for the leaf range [a, b).</summary>
    public long Bytes(int a, int b) => a >= b ? 0 : Cost[b] - Cost[a] + LeftBorder[a];

    /// <summary>The largest end x in [a, limit] whose range [a, x) costs at most <paramref name="capacity"/>.</summary>
    public int MaxFit(int a, int limit, long capacity)
    {
        var budget = capacity - LeftBorder[a] + Cost[a];
        if (a >= limit || Cost[a + 1] > budget)
        {
            return a;
        }

        var index = Array.BinarySearch(Cost, a, limit - a + 1, budget);
        return index >= 0 ? LastEqual(index, limit) : ~index - 1;
    }

    /// <summary>The leaf boundary in [lo, hi] whose prefix cost is nearest <paramref name="cost"/>.</summary>
    public int Nearest(int lo, int hi, double cost)
    {
        var target = (long)Math.Round(cost);
        var index = Array.BinarySearch(Cost, lo, hi - lo + 1, target);
        if (index >= 0)
        {
            return index;
        }

        var above = ~index;
        if (above > hi)
        {
            return hi;
        }

        return above == lo || Cost[above] - target <= target - Cost[above - 1] ? above : above - 1;
    }

    private static ArgumentException TooDeep() => new($"The outline is deeper than {MaxDepth} levels or has a cycle.");

    private int LastEqual(int index, int limit)
    {
        while (index < limit && Cost[index + 1] == Cost[index])
        {
            index++;
        }

        return index;
    }

    private void Walk(OutlineNode root)
    {
        var stack = new Stack<(int Occ, OutlineNode Node, int Next)>();
        long open = 0;
        long sinceLeaf = 0;
        Open(root);
        while (stack.Count > 0)
        {
            var (occ, node, next) = stack.Pop();
            if (next == node.Links.Count)
            {
                _occEnd[occ] = _leafCids.Count;
                open -= node.BlockBytes;
                continue;
            }

            stack.Push((occ, node, next + 1));
            var link = node.Links[next];
            var slot = _occFirstLink[occ] + next;
            _linkStart[slot] = _leafCids.Count;
            if (_nodes.TryGetValue(link.Cid, out var child) && HasLeaf(child, stack.Count))
            {
                if (stack.Count >= MaxDepth)
                {
                    throw TooDeep();
                }

                _linkRef[slot] = _occCid.Count;
                Open(child);
            }
            else
            {
                _linkRef[slot] = ~_leafCids.Count;
                var bytes = child is not null ? SubtreeBytes(child, stack.Count)
                    : link.DagBytes != 0 ? link.DagBytes : link.ContentBytes;
                AddLeaf(link.Cid, bytes, open, sinceLeaf);
                sinceLeaf = 0;
            }
        }

        void Open(OutlineNode node)
        {
            var occ = _occCid.Count;
            _occCid.Add(node.Cid);
            _occStart.Add(_leafCids.Count);
            _occEnd.Add(-1);
            _occFirstLink.Add(_linkRef.Count);
            _occLinkCount.Add(node.Links.Count);
            for (var i = 0; i < node.Links.Count; i++)
            {
                _linkRef.Add(0);
                _linkStart.Add(0);
            }

            open += node.BlockBytes;
            sinceLeaf += node.BlockBytes;
            stack.Push((occ, node, 0));
        }
    }

    private void AddLeaf(Cid cid, long bytes, long open, long sinceLeaf)
    {
        _leafCids.Add(cid);
        _leftBorder.Add(open - sinceLeaf);
        _cost.Add(_cost[^1] + Math.Max(0, bytes) + sinceLeaf);
    }

    private bool HasLeaf(OutlineNode node, int depth)
    {
        if (_hasLeaf.TryGetValue(node.Cid, out var known))
        {
            return known;
        }

        if (depth > MaxDepth)

        {

            throw TooDeep();

        }

        var result = false;
        foreach (var link in node.Links)
        {
            if (!_nodes.TryGetValue(link.Cid, out var child) || HasLeaf(child, depth + 1))
            {
                result = true;
                break;
            }
        }

        _hasLeaf[node.Cid] = result;
        return result;
    }

    private long SubtreeBytes(OutlineNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw TooDeep();
        }

        var bytes = node.BlockBytes;
        foreach (var link in node.Links)
        {
            bytes += _nodes.TryGetValue(link.Cid, out var child) ? SubtreeBytes(child, depth + 1) : 0;
        }

        return bytes;
    }
}
