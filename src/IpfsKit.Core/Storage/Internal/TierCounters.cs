using System.Diagnostics;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// One tier's counters: kept per instance for <see cref="IBlockStoreTier.GetStatistics"/> and published to the
/// <c>IpfsKit</c> meter with the tier's tag. Thread-safe; allocation-free.
/// </summary>
internal sealed class TierCounters
{
    private readonly TagList _tags;
    private long _hits;
    private long _misses;
    private long _evictions;
    private long _blocks;
    private long _bytes;
    private long _corrupt;

    public TierCounters(string tier)
    {
        Tier = tier;
        _tags = StorageInstruments.Tier(tier);
    }

    public string Tier { get; }

    public long Bytes => Volatile.Read(ref _bytes);

    public long Blocks => Volatile.Read(ref _blocks);

    public void Hit()
    {
        Interlocked.Increment(ref _hits);
        StorageInstruments.Hits.Add(1, _tags);
    }

    public void Miss()
    {
        Interlocked.Increment(ref _misses);
        StorageInstruments.Misses.Add(1, _tags);
    }

    public void Evicted(long size)
    {
        Interlocked.Increment(ref _evictions);
        StorageInstruments.Evictions.Add(1, _tags);
        Removed(size);
    }

    public void Corrupt()
    {
        Interlocked.Increment(ref _corrupt);
        StorageInstruments.CorruptBlocks.Add(1, _tags);
    }

    public void Added(long size)
    {
        Interlocked.Increment(ref _blocks);
        Interlocked.Add(ref _bytes, size);
        StorageInstruments.Blocks.Add(1, _tags);
        StorageInstruments.Bytes.Add(size, _tags);
    }

    public void Removed(long size)
    {
        Interlocked.Decrement(ref _blocks);
        Interlocked.Add(ref _bytes, -size);
        StorageInstruments.Blocks.Add(-1, _tags);
        StorageInstruments.Bytes.Add(-size, _tags);
    }

    /// <summary>Takes the blocks and bytes still held out of the process-wide instruments (the tier is closed).</summary>
    public void Released()
    {
        StorageInstruments.Blocks.Add(-Blocks, _tags);
        StorageInstruments.Bytes.Add(-Bytes, _tags);
    }

    public BlockStoreStatistics Snapshot(long capacity) => new(
        Tier,
        Volatile.Read(ref _hits),
        Volatile.Read(ref _misses),
        Volatile.Read(ref _evictions),
        Volatile.Read(ref _blocks),
        Volatile.Read(ref _bytes),
        capacity,
        Volatile.Read(ref _corrupt));
}
