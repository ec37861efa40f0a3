using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
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
/// the index, the recency list and the pins; a read takes no lock (it finds its block in a concurrent dictionary and
/// records the use in a buffer that the next write replays under the lock).
/// </para>
/// </remarks>
public sealed class MemoryBlockTier : IBlockStoreTier
{
    private const string TierName = "memory";
    private const string StoreName = "memory tier";

    private readonly Lock _lock = new();
    private readonly BlockIndex<Block> _index;
    private readonly TierCounters _counters = new(TierName);
    private readonly LruEviction<Block> _eviction;

    /// <summary>Creates an empty memory tier.</summary>
    /// <param name="capacity">The byte budget; more than zero (a zero budget means no memory tier at all).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is zero.</exception>
    public MemoryBlockTier(ByteSize capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity.Bytes, nameof(capacity));
        _index = new BlockIndex<Block>(_lock);
        _eviction = new LruEviction<Block>(_index, _counters, capacity.Bytes);
    }

    /// <inheritdoc/>
    /// <value>Always <c>"memory"</c>.</value>
    public string Name => TierName;

    /// <inheritdoc/>
    public long Capacity => _eviction.Capacity;

    /// <inheritdoc/>
    public long UsedBytes => _index.UsedBytes;

    /// <inheritdoc/>
    public long PinnedBytes
    {
        get
        {
            lock (_lock)
            {
                return _index.PinnedBytes;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Marks the block as the most recently used. A hit completes synchronously and allocates nothing.</remarks>
    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_index.TryRead(cid, out var node))
        {
            _counters.HitCountedByIndex();
            return new(node.Value);
        }

        _counters.Miss();
        return default;
    }

    /// <inheritdoc/>
    /// <remarks>Does not change the order of eviction.</remarks>
    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return new(_index.Contains(cid));
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
            _index.Unpin(cid);
            return new(_eviction.Delete(cid, unpinnedOnly: false) is not null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<long> DeleteUnpinnedAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return new(_eviction.Delete(cid, unpinnedOnly: true) ?? 0L);
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
            snapshot = _index.Keys();
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
            _index.Pin(cid);
            return new(_index.Contains(cid));
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
            return new(_index.Unpin(cid));
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Cid> EnumeratePinsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Cid[] snapshot;
        lock (_lock)
        {
            snapshot = [.. _index.Pins];
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
            return _index.IsPinned(cid);
        }
    }

    /// <inheritdoc/>
    public BlockStoreStatistics GetStatistics() => _counters.Snapshot(Capacity) with { Hits = _index.Reads };

    private bool TryAdd(Block block, out long available)
    {
        lock (_lock)
        {
            available = _eviction.Room;
            if (_index.TryGet(block.Cid, out var existing))
            {
                _index.Touch(existing);
                return true;
            }

            long size = block.Size;
            if (size > available)
            {
                return false;
            }

            _eviction.MakeRoomFor(size);
            _index.Add(block.Cid, size, block);
            _counters.Added(size);
            return true;
        }
    }
}
