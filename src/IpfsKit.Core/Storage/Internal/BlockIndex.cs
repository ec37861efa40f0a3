using IpfsKit.Content;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// The in-memory index of a bounded tier: CID → node, the pin set, and the <see cref="LruList{TValue}"/> of the evictable
/// (unpinned) nodes, so touch, add, remove, pin and evict are O(1). Both tiers use it: the memory tier keeps the blocks
/// in its nodes, the disk tier only their sizes (<typeparamref name="TValue"/> is the empty <see cref="ValueTuple"/>).
/// </summary>
/// <typeparam name="TValue">What the tier keeps per block.</typeparam>
/// <remarks>Not thread-safe: the owner holds its lock around every call but <see cref="UsedBytes"/>.</remarks>
internal sealed class BlockIndex<TValue>
{
    private readonly Dictionary<Cid, LruNode<TValue>> _nodes = [];
    private readonly HashSet<Cid> _pins = [];
    private readonly LruList<TValue> _evictable = new();
    private long _usedBytes;

    public int Count => _nodes.Count;

    /// <summary>Makes room for <paramref name="count"/> blocks at once (an index rebuilt at open knows its size): no rehashing while it fills.</summary>
    public void EnsureCapacity(int count) => _nodes.EnsureCapacity(count);

    /// <summary>Gets the bytes of the indexed blocks; may be read without the owner's lock.</summary>
    public long UsedBytes => Volatile.Read(ref _usedBytes);

    /// <summary>Gets the bytes of the pinned blocks: what eviction can never free.</summary>
    public long PinnedBytes => _usedBytes - _evictable.Bytes;

    /// <summary>Gets the least recently used unpinned node, the next to evict, or <see langword="null"/>.</summary>
    public LruNode<TValue>? Oldest => _evictable.Oldest;

    public IEnumerable<Cid> Pins => _pins;

    public bool Contains(Cid cid) => _nodes.ContainsKey(cid);

    public bool TryGet(Cid cid, out LruNode<TValue> node) => _nodes.TryGetValue(cid, out node!);

    /// <summary>Tells whether <paramref name="node"/> is still the node of its CID.</summary>
    public bool IsCurrent(LruNode<TValue> node) => _nodes.TryGetValue(node.Cid, out var current) && ReferenceEquals(current, node);

    public Cid[] Keys() => [.. _nodes.Keys];

    /// <summary>Makes a node the most recently used (a pinned node has no place in the order).</summary>
    public void Touch(LruNode<TValue> node)
    {
        if (!node.IsPinned)
        {
            _evictable.MoveToNewest(node);
        }
    }

    /// <summary>Adds a block that is not indexed as the most recently used (pinned when its CID is).</summary>
    public LruNode<TValue> Add(Cid cid, long size, TValue value)
    {
        var node = new LruNode<TValue>(cid, size, value) { IsPinned = _pins.Contains(cid) };
        _nodes.Add(cid, node);
        if (!node.IsPinned)
        {
            _evictable.AddNewest(node);
        }

        Volatile.Write(ref _usedBytes, _usedBytes + size);
        return node;
    }

    /// <summary>Removes an indexed node (its pin, if any, stays).</summary>
    public void Remove(LruNode<TValue> node)
    {
        _nodes.Remove(node.Cid);
        if (!node.IsPinned)
        {
            _evictable.Remove(node);
        }

        Volatile.Write(ref _usedBytes, _usedBytes - node.Size);
    }

    public bool IsPinned(Cid cid) => _pins.Contains(cid);

    /// <summary>Pins a CID, present or not; returns whether it was not pinned before.</summary>
    public bool Pin(Cid cid)
    {
        if (!_pins.Add(cid))
        {
            return false;
        }

        if (_nodes.TryGetValue(cid, out var node))
        {
            _evictable.Remove(node);
            node.IsPinned = true;
        }

        return true;
    }

    /// <summary>Unpins a CID (its block, if present, becomes the most recently used); returns whether it was pinned.</summary>
    public bool Unpin(Cid cid)
    {
        if (!_pins.Remove(cid))
        {
            return false;
        }

        if (_nodes.TryGetValue(cid, out var node))
        {
            node.IsPinned = false;
            _evictable.AddNewest(node);
        }

        return true;
    }
}
