using IpfsKit.Content;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// The eviction policy of a tier: a byte budget over its <see cref="BlockIndex{TValue}"/>, kept by evicting the least
/// recently used unpinned blocks; pinned blocks are never evicted, so they bound the room a new block can have. Blocks
/// leave the index only through here (evicted, deleted or discarded), so the tier's counters follow every removal.
/// </summary>
/// <typeparam name="TValue">What the tier keeps per block.</typeparam>
/// <remarks>Not thread-safe: called under the owning tier's lock.</remarks>
internal sealed class LruEviction<TValue>(BlockIndex<TValue> index, TierCounters counters, long capacity)
{
    /// <summary>Gets the byte budget.</summary>
    public long Capacity => capacity;

    /// <summary>Gets the room a block can have once every unpinned block is evicted: the budget less the pinned bytes.</summary>
    public long Room => capacity - index.PinnedBytes;

    /// <summary>
    /// Evicts least recently used unpinned blocks until <paramref name="size"/> more bytes fit in the budget, or none is
    /// left. <paramref name="release"/> (the disk tier deletes the file) runs on each victim before it leaves the index:
    /// when it throws, the victim stays indexed and the exception propagates.
    /// </summary>
    public void MakeRoomFor(long size, Action<LruNode<TValue>>? release = null)
    {
        while (index.UsedBytes + size > capacity && index.Oldest is { } victim)
        {
            release?.Invoke(victim);
            index.Remove(victim);
            counters.Evicted(victim.Size);
        }
    }

    /// <summary>
    /// Deletes the block of <paramref name="cid"/>, if indexed (and, with <paramref name="unpinnedOnly"/>, not pinned).
    /// <paramref name="release"/> runs first, as in <see cref="MakeRoomFor"/>: when it throws, the block stays indexed.
    /// </summary>
    /// <returns>The deleted block's size, or <see langword="null"/> when nothing was deleted.</returns>
    public long? Delete(Cid cid, bool unpinnedOnly, Action<LruNode<TValue>>? release = null)
    {
        if ((unpinnedOnly && index.IsPinned(cid)) || !index.TryGet(cid, out var node))
        {
            return null;
        }

        release?.Invoke(node);
        Remove(node);
        return node.Size;
    }

    /// <summary>Removes an indexed node and counts it removed (not evicted).</summary>
    public void Remove(LruNode<TValue> node)
    {
        index.Remove(node);
        counters.Removed(node.Size);
    }
}
