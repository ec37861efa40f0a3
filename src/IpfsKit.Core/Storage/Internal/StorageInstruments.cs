using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// The storage instruments of the <c>IpfsKit</c> meter. Every tier instance reports into the same instruments with a
/// <c>tier</c> tag, so a process with several stores sees their sums.
/// </summary>
internal static class StorageInstruments
{
    /// <summary>The meter name shared by every IpfsKit package.</summary>
    public const string MeterName = "IpfsKit";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Hits = Meter.CreateCounter<long>("ipfskit.storage.hits", "{block}", "Reads answered by a storage tier.");

    public static readonly Counter<long> Misses = Meter.CreateCounter<long>("ipfskit.storage.misses", "{block}", "Reads a storage tier could not answer.");

    public static readonly Counter<long> Evictions = Meter.CreateCounter<long>("ipfskit.storage.evictions", "{block}", "Blocks evicted to stay within a tier's budget.");

    public static readonly Counter<long> CorruptBlocks = Meter.CreateCounter<long>("ipfskit.storage.corrupt_blocks", "{block}", "Stored blocks found corrupt and discarded.");

    public static readonly UpDownCounter<long> Bytes = Meter.CreateUpDownCounter<long>("ipfskit.storage.bytes", "By", "Bytes held by a storage tier.");

    public static readonly UpDownCounter<long> Blocks = Meter.CreateUpDownCounter<long>("ipfskit.storage.blocks", "{block}", "Blocks held by a storage tier.");

    public static TagList Tier(string tier) => new() { { "tier", tier } };
}
