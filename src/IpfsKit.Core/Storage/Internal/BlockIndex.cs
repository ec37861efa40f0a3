using System.Collections.Concurrent;
using IpfsKit.Content;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// The in-memory index of a bounded tier: CID → node, the pin set, and the <see cref="LruList{TValue}"/> of the evictable
/// (unpinned) nodes, so touch, add, remove, pin and evict are O(1). Both tiers use it: the memory tier keeps the blocks
/// in its nodes, the disk tier only their sizes (<typeparamref name="TValue"/> is the empty <see cref="ValueTuple"/>).
/// </summary>
/// <typeparam name="TValue">What the tier keeps per block.</typeparam>
/// <remarks>
/// The owner holds <c>gate</c> around every call but <see cref="TryRead"/>, <see cref="Reads"/> and
/// <see cref="UsedBytes"/>. <see cref="TryRead"/> finds a node without the lock and records the read in an
/// <see cref="LruReadBuffer{TValue}"/>, replayed before any step that looks at or changes the order.
/// </remarks>
internal sealed class BlockIndex<TValue>(Lock gate, int capacity = 31)
{
    private readonly ConcurrentDictionary<Cid, LruNode<TValue>> _nodes = new(concurrencyLevel: 1, capacity);
    private readonly HashSet<Cid> _pins = [];
    private readonly LruList<TValue> _evictable = new();
    private readonly LruReadBuffer<TValue> _reads = new();
    private long _usedBytes;

    /// <summary>Gets the reads <see cref="TryRead"/> answered, ever.</summary>
    public long Reads => _reads.Recorded;

    /// <summary>
    /// Finds a block without the owner's lock and counts it as just used (in <see cref="Reads"/>, and in the order once
    /// replayed); takes the lock only when the read buffer is full.
    /// </summary>
    public bool TryRead(Cid cid, out LruNode<TValue> node)
    {
        if (!_nodes.TryGetValue(cid, out node!))
        {
            return false;
        }

        if (!_reads.TryRecord(node))
        {
            lock (gate)
            {
                Touch(node);
            }
        }

        return true;
    }

    /// <summary>Gets the bytes of the indexed blocks; may be read without the owner's lock.</summary>
    public long UsedBytes => Volatile.Read(ref _usedBytes);

    /// <summary>Gets the bytes of the pinned blocks: what eviction can never free.</summary>
    public long PinnedBytes => _usedBytes - _evictable.Bytes;

    /// <summary>Gets the least recently used unpinned node, the next to evict, or <see langword="null"/>.</summary>
    public LruNode<TValue>? Oldest
    {
        get
        {
            _reads.Replay(_evictable);
            return _evictable.Oldest;
        }
    }

    public IEnumerable<Cid> Pins => _pins;

    public bool Contains(Cid cid) => _nodes.ContainsKey(cid);

    public bool TryGet(Cid cid, out LruNode<TValue> node) => _nodes.TryGetValue(cid, out node!);

    /// <summary>Tells whether <paramref name="node"/> is still the node of its CID.</summary>
    public bool IsCurrent(LruNode<TValue> node) => _nodes.TryGetValue(node.Cid, out var current) && ReferenceEquals(current, node);

    public Cid[] Keys() => [.. _nodes.Keys];

    /// <summary>Makes a node the most recently used (a pinned node has no place in the order).</summary>
    public void Touch(LruNode<TValue> node)
    {
        _reads.Replay(_evictable);
        if (!node.IsPinned && !node.IsRemoved)
        {
            _evictable.MoveToNewest(node);
        }
    }

    /// <summary>Adds a block that is not indexed as the most recently used (pinned when its CID is).</summary>
    public LruNode<TValue> Add(Cid cid, long size, TValue value)
    {
        _reads.Replay(_evictable);
        var node = new LruNode<TValue>(cid, size, value) { IsPinned = _pins.Contains(cid) };
        if (!_nodes.TryAdd(cid, node))
        {
            throw new InvalidOperationException("The block is indexed already.");
        }

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
        _reads.Replay(_evictable);
        _nodes.TryRemove(node.Cid, out _);
        node.IsRemoved = true;
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

        _reads.Replay(_evictable);
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

        _reads.Replay(_evictable);
        if (_nodes.TryGetValue(cid, out var node))
        {
            node.IsPinned = false;
            _evictable.AddNewest(node);
        }

        return true;
    }
}
