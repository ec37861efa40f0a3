using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// One tier's counters: kept per instance for <see cref="IBlockStoreTier.GetStatistics"/> and published to the
/// <c>IpfsKit</c> meter with the tier's tag. Allocation-free.
/// </summary>
/// <remarks>
/// <see cref="Hit"/>, <see cref="Miss"/> and <see cref="HitCountedByIndex"/> may be called from any thread. Every
/// other change is made under the owning tier's lock, so it needs no atomic instruction; readers
/// (<see cref="Snapshot"/>) read without the lock.
/// </remarks>
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
        Publish(StorageInstruments.Hits, 1);
    }

    public void Miss()
    {
        Interlocked.Increment(ref _misses);
        Publish(StorageInstruments.Misses, 1);
    }

    /// <summary>Tells the instrument about a hit the tier's index counted itself (<see cref="BlockIndex{TValue}.Reads"/>); the tier's snapshot takes its hits from there.</summary>
    public void HitCountedByIndex() => Publish(StorageInstruments.Hits, 1);

    public void Evicted(long size)
    {
        Volatile.Write(ref _evictions, _evictions + 1);
        Publish(StorageInstruments.Evictions, 1);
        Removed(size);
    }

    public void Corrupt()
    {
        Volatile.Write(ref _corrupt, _corrupt + 1);
        Publish(StorageInstruments.CorruptBlocks, 1);
    }

    public void Added(long size)
    {
        Volatile.Write(ref _blocks, _blocks + 1);
        Volatile.Write(ref _bytes, _bytes + size);
        Publish(StorageInstruments.Blocks, 1);
        Publish(StorageInstruments.Bytes, size);
    }

    public void Removed(long size)
    {
        Volatile.Write(ref _blocks, _blocks - 1);
        Volatile.Write(ref _bytes, _bytes - size);
        Publish(StorageInstruments.Blocks, -1);
        Publish(StorageInstruments.Bytes, -size);
    }

    /// <summary>Takes the blocks and bytes still held out of the process-wide instruments (the tier is closed).</summary>
    public void Released()
    {
        Publish(StorageInstruments.Blocks, -Blocks);
        Publish(StorageInstruments.Bytes, -Bytes);
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

    /// <summary>Adds to an instrument; the check spares building a measurement nobody listens to.</summary>
    private void Publish(Instrument<long> instrument, long value)
    {
        if (instrument.Enabled)
        {
            switch (instrument)
            {
                case Counter<long> counter:
                    counter.Add(value, _tags);
                    break;
                case UpDownCounter<long> upDown:
                    upDown.Add(value, _tags);
                    break;
            }
        }
    }
}
