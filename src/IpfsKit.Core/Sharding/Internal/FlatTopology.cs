namespace IpfsKit.Sharding.Internal;

/// <summary>
/// A topology unrolled depth first, children in the strategy's order: each node knows its children, its parent, its
/// height and the contiguous span of targets under it; targets carry their id (path) and healthy free bytes.
/// </summary>
internal sealed class FlatTopology
{
    private readonly List<TopologyNode> _nodes = [];
    private readonly List<int> _parent = [];
    private readonly List<int[]> _children = [];
    private readonly List<int> _height = [];
    private readonly List<int> _targetFirst = [];
    private readonly List<int> _targetEnd = [];
    private readonly List<int> _targetNode = [];
    private readonly List<string> _targetIds = [];
    private readonly List<long> _free = [];
    private readonly List<bool> _healthy = [];

    private FlatTopology(ClusterNode root, IAllocationStrategy strategy)
    {
        Add(root, -1, string.Empty, strategy, 0);
        TargetIds = [.. _targetIds];
        InitialFree = [.. _free];
        Healthy = [.. _healthy];
    }

    /// <summary>Gets whether each target is healthy (a repair marks the dead one false).</summary>
    public bool[] Healthy { get; }

    /// <summary>Gets the target ids (paths below the root) in depth-first order.</summary>
    public string[] TargetIds { get; }

    /// <summary>Gets each target's free bytes, zero when unhealthy.</summary>
    public long[] InitialFree { get; }

    /// <summary>Gets the number of targets.</summary>
    public int TargetCount => TargetIds.Length;

    public static FlatTopology Create(ClusterNode root, IAllocationStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new FlatTopology(root, strategy);
    }

    public TopologyNode Node(int node) => _nodes[node];

    public int Parent(int node) => _parent[node];

    public IReadOnlyList<int> Children(int node) => _children[node];

    public int Height(int node) => _height[node];

    public bool IsTarget(int node) => _nodes[node] is TargetNode;

    public int TargetFirst(int node) => _targetFirst[node];

    public int TargetEnd(int node) => _targetEnd[node];

    public int TargetNode(int target) => _targetNode[target];

    /// <summary>The index of a target by id, or −1.</summary>
    public int FindTarget(string id) => _targetIds.IndexOf(id);

    /// <summary>The topology node under which a target sits, one level below <paramref name="ancestor"/>.</summary>
    public int ChildToward(int ancestor, int target)
    {
        foreach (var child in _children[ancestor])
        {
            if (target >= _targetFirst[child] && target < _targetEnd[child])
            {
                return child;
            }
        }

        return -1;
    }

    private int Add(TopologyNode node, int parent, string prefix, IAllocationStrategy strategy, int depth)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (depth > 256)
        {
            throw new ArgumentException("The topology is deeper than 256 levels.");
        }

        var index = _nodes.Count;
        _nodes.Add(node);
        _parent.Add(parent);
        _children.Add([]);
        _height.Add(0);
        _targetFirst.Add(_targetIds.Count);
        _targetEnd.Add(_targetIds.Count);
        var path = parent < 0 ? string.Empty : prefix.Length == 0 ? node.Name : prefix + "/" + node.Name;
        if (node is TargetNode target)
        {
            _targetNode.Add(index);
            _targetIds.Add(path);
            _free.Add(target.Healthy ? Math.Max(0, target.FreeBytes) : 0);
            _healthy.Add(target.Healthy);
        }
        else if (node is ClusterNode cluster)
        {
            ArgumentNullException.ThrowIfNull(cluster.Children);
            var ordered = cluster.Children.Select((child, i) => (child, i)).ToList();
            ordered.Sort((x, y) =>
            {
                var order = strategy.Compare(x.child, y.child);
                return order != 0 ? order : x.i.CompareTo(y.i);
            });
            var names = new HashSet<string>(StringComparer.Ordinal);
            var children = new int[ordered.Count];
            var height = 0;
            for (var i = 0; i < ordered.Count; i++)
            {
                if (!names.Add(ordered[i].child.Name))
                {
                    throw new ArgumentException($"Cluster \"{path}\" has two children named \"{ordered[i].child.Name}\".");
                }

                children[i] = Add(ordered[i].child, index, path, strategy, depth + 1);
                height = Math.Max(height, _height[children[i]] + 1);
            }

            _children[index] = children;
            _height[index] = height;
        }

        _targetEnd[index] = _targetIds.Count;
        return index;
    }
}
