namespace IpfsKit.Storage;

/// <summary>A snapshot of one storage tier's counters.</summary>
/// <param name="Tier">The tier: <c>"memory"</c> or <c>"disk"</c>.</param>
/// <param name="Hits">Reads answered by the tier.</param>
/// <param name="Misses">Reads the tier could not answer.</param>
/// <param name="Evictions">Blocks evicted to stay within the budget.</param>
/// <param name="Blocks">Blocks held now.</param>
/// <param name="Bytes">Bytes held now.</param>
/// <param name="Capacity">The byte budget.</param>
/// <param name="CorruptBlocks">Stored blocks found corrupt (bytes that no longer hash to their CID) and discarded.</param>
public readonly record struct BlockStoreStatistics(
    string Tier,
    long Hits,
    long Misses,
    long Evictions,
    long Blocks,
    long Bytes,
    long Capacity,
    long CorruptBlocks);
