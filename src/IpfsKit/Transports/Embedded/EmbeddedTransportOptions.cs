using IpfsKit.Blocks;
using IpfsKit.Diagnostics.Internal;
using IpfsKit.Storage;

namespace IpfsKit.Transports.Embedded;

/// <summary>Settings of an <see cref="EmbeddedTransport"/>: where its blocks and pinset live, and its clock.</summary>
public sealed record EmbeddedTransportOptions
{
    /// <summary>
    /// Gets the block store settings. With <see cref="StorageOptions.Path"/> set, the blocks and the pinset
    /// (<c>pins.db</c>) live in that folder and survive a restart; without it, everything is in memory.
    /// </summary>
    /// <value>The default value is a new <see cref="StorageOptions"/>: memory only, 512 MiB.</value>
    public StorageOptions Storage { get; init; } = new();

    /// <summary>Gets the clock of the node.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Gets where blocks missing from the node's own tiers are read from (a worker's or leecher's master, say); each
    /// block read there is verified against its CID and cached.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: a missing block is not found.</value>
    public IBlockSource? Next { get; init; }

    /// <summary>Gets the instruments of the service provider that opened the node; null (opened without DI) reports into <see cref="IpfsKitMetrics.Shared"/>.</summary>
    internal IpfsKitMetrics? Metrics { get; init; }
}
