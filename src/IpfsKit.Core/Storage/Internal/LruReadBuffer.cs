namespace IpfsKit.Storage.Internal;

/// <summary>
/// Reads of an LRU recorded without its lock and replayed in order under it (the "BP-Wrapper" technique of Caffeine's
/// read buffers): a read costs one atomic increment and one store instead of taking the lock to move its node. The
/// owner replays the buffer before anything that looks at or changes the order, so with one thread the order is
/// exactly least recently used; with concurrent readers a read can be lost from the order (never from
/// <see cref="Recorded"/>), which only makes the order approximate.
/// </summary>
/// <typeparam name="TValue">What the tier keeps per block.</typeparam>
internal sealed class LruReadBuffer<TValue>
{
    private const int Size = 256;
    private const int Mask = Size - 1;

    private readonly LruNode<TValue>?[] _slots = new LruNode<TValue>?[Size];
    private long _recorded;
    private long _replayed;

    /// <summary>Gets the number of reads ever recorded, replayed or not.</summary>
    public long Recorded => Volatile.Read(ref _recorded);

    /// <summary>Records a read of <paramref name="node"/>; answers <see langword="false"/> when the buffer is full (the read is counted, and the caller replays under the lock and touches the node itself).</summary>
    public bool TryRecord(LruNode<TValue> node)
    {
        var position = Interlocked.Increment(ref _recorded) - 1;
        if (position - Volatile.Read(ref _replayed) >= Size)
        {
            return false;
        }

        Volatile.Write(ref _slots[position & Mask], node);
        return true;
    }

    /// <summary>Moves the recorded nodes to the newest end of <paramref name="list"/>, in the order they were read; under the owner's lock.</summary>
    public void Replay(LruList<TValue> list)
    {
        var end = Volatile.Read(ref _recorded);
        if (end == _replayed)
        {
            return;
        }

        for (var position = _replayed; position < end; position++)
        {
            // A slot still empty belongs to a reader that has not stored yet: its read is lost from the order.
            var node = Interlocked.Exchange(ref _slots[position & Mask], null);
            if (node is { IsRemoved: false, IsPinned: false })
            {
                list.MoveToNewest(node);
            }
        }

        Volatile.Write(ref _replayed, end);
    }
}
