using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Storage.Internal;

namespace IpfsKit.Storage;

/// <summary>
/// The memory tier: blocks kept in memory within a byte budget, evicting the least recently read or written
/// unpinned blocks to make room.
/// </summary>
/// <remarks>
/// <para>
/// The budget counts bytes (the sum of <see cref="Block.Size"/>), not blocks. Reads, writes, pins and evictions are
/// O(1); a read that finds its block completes synchronously and allocates nothing. <see cref="HasAsync"/> does not
/// count as a use. A pinned block is never evicted; when it is unpinned it counts as just used.
/// </para>
/// <para>
/// Blocks are kept by reference; their bytes must not change after they are put. Thread-safe: one short lock guards
/// the index, the recency list and the pins.
/// </para>
/// </remarks>
public sealed class MemoryBlockTier : IBlockStoreTier
{
    private const string TierName = "memory";
    private const string StoreName = "memory tier";

    private readonly Lock _lock = new();
    private readonly Dictionary<Cid, LruNode> _nodes = [];
    private readonly HashSet<Cid> _pins = [];
    private readonly LruList _evictable = new();
    private readonly TierCounters _counters = new(TierName);
    private long _usedBytes;

    /// <summary>Creates an empty memory tier.</summary>
    /// <param name="capacity">The byte budget; more than zero (a zero budget means no memory tier at all).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is zero.</exception>
    public MemoryBlockTier(ByteSize capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity.Bytes, nameof(capacity));
        Capacity = capacity.Bytes;
    }

    /// <inheritdoc/>
    /// <value>Always <c>"memory"</c>.</value>
    public string Name => TierName;

    /// <inheritdoc/>
    public long Capacity { get; }

    /// <inheritdoc/>
    public long UsedBytes => Volatile.Read(ref _usedBytes);

    /// <inheritdoc/>
    public long PinnedBytes
    {
        get
        {
            lock (_lock)
            {
                return _usedBytes - _evictable.Bytes;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Marks the block as the most recently used. A hit completes synchronously and allocates nothing.</remarks>
    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Block? block = null;
        lock (_lock)
        {
            if (_nodes.TryGetValue(cid, out var node))
            {
                Touch(node);
                block = node.Block;
            }
        }

        if (block is null)
        {
            _counters.Miss();
        }
        else
        {
            _counters.Hit();
        }

        return new(block);
    }

    /// <inheritdoc/>
    /// <remarks>Does not change the order of eviction.</remarks>
    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return new(_nodes.ContainsKey(cid));
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A block already present becomes the most recently used. Otherwise the least recently used unpinned blocks are
    /// evicted until the new one fits; a block that was pinned before it arrived is kept pinned.
    /// </remarks>
    /// <exception cref="IpfsKitCapacityException">
    /// The block cannot fit even with every unpinned block evicted: it is larger than <see cref="Capacity"/>, or pinned
    /// blocks fill the budget. Nothing is evicted then.
    /// </exception>
    public ValueTask PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        cancellationToken.ThrowIfCancellationRequested();
        if (!TryAdd(block, out var available))
        {
            throw new IpfsKitCapacityException(StoreName, block.Size, available);
        }

        return default;
    }

    /// <summary>
    /// Stores a block if it can fit, as <see cref="PutAsync"/> does, but answers <see langword="false"/> instead of
    /// throwing when it cannot (a cache that cannot take a block just does not keep it).
    /// </summary>
    /// <param name="block">The block.</param>
    /// <returns>Whether the block is held now.</returns>
    internal bool TryPut(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return TryAdd(block, out _);
    }

    /// <inheritdoc/>
    /// <remarks>Removes the block's pin too, whether or not the block was present.</remarks>
    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _pins.Remove(cid);
            if (!_nodes.Remove(cid, out var node))
            {
                return new(false);
            }

            if (!node.IsPinned)
            {
                _evictable.Remove(node);
            }

            Release(node);
            _counters.Removed(node.Size);
            return new(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask<long> DeleteUnpinnedAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_pins.Contains(cid) || !_nodes.Remove(cid, out var node))
            {
                return new(0L);
            }

            _evictable.Remove(node);
            Release(node);
            _counters.Removed(node.Size);
            return new(node.Size);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The listing is a snapshot taken when it starts.</remarks>
    public async IAsyncEnumerable<Cid> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Cid[] snapshot;
        lock (_lock)
        {
            snapshot = [.. _nodes.Keys];
        }

        foreach (var cid in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return cid;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<bool> PinAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _pins.Add(cid);
            if (!_nodes.TryGetValue(cid, out var node))
            {
                return new(false);
            }

            if (!node.IsPinned)
            {
                _evictable.Remove(node);
                node.IsPinned = true;
            }

            return new(true);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A present block that is unpinned becomes the most recently used. The memory tier never holds more than its budget,
    /// so unpinning never evicts.
    /// </remarks>
    public ValueTask<bool> UnpinAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_pins.Remove(cid))
            {
                return new(false);
            }

            if (_nodes.TryGetValue(cid, out var node))
            {
                node.IsPinned = false;
                _evictable.AddNewest(node);
            }

            return new(true);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Cid> EnumeratePinsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Cid[] snapshot;
        lock (_lock)
        {
            snapshot = [.. _pins];
        }

        foreach (var cid in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return cid;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public bool IsPinned(Cid cid)
    {
        lock (_lock)
        {
            return _pins.Contains(cid);
        }
    }

    /// <inheritdoc/>
    public BlockStoreStatistics GetStatistics() => _counters.Snapshot(Capacity);

    private bool TryAdd(Block block, out long available)
    {
        lock (_lock)
        {
            // The room left once every unpinned block is gone.
            available = Capacity - (_usedBytes - _evictable.Bytes);
            if (_nodes.TryGetValue(block.Cid, out var existing))
            {
                Touch(existing);
                return true;
            }

            long size = block.Size;
            if (size > available)
            {
                return false;
            }

            while (_usedBytes + size > Capacity)
            {
                var victim = _evictable.Oldest!;
                _evictable.Remove(victim);
                _nodes.Remove(victim.Block.Cid);
                Release(victim);
                _counters.Evicted(victim.Size);
            }

            var node = new LruNode(block) { IsPinned = _pins.Contains(block.Cid) };
            _nodes.Add(block.Cid, node);
            if (!node.IsPinned)
            {
                _evictable.AddNewest(node);
            }

            Volatile.Write(ref _usedBytes, _usedBytes + size);
            _counters.Added(size);
            return true;
        }
    }

    private void Touch(LruNode node)
    {
        if (!node.IsPinned)
        {
            _evictable.MoveToNewest(node);
        }
    }

    private void Release(LruNode node) => Volatile.Write(ref _usedBytes, _usedBytes - node.Size);
}
