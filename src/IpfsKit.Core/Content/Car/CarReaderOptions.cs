namespace IpfsKit.Content.Car;

/// <summary>Limits and checks of a <see cref="CarReader"/>.</summary>
/// <remarks>
/// The limits bound the memory one header or one section can make the reader buffer, so a hostile length prefix fails
/// early instead of exhausting memory. Each limit must be between 1 byte and <see cref="MaxLimit"/>.
/// </remarks>
public sealed record CarReaderOptions
{
    /// <summary>The largest value either limit may take: 1 GiB.</summary>
    public const int MaxLimit = 1 << 30;

    /// <summary>Gets the largest header block accepted, in bytes.</summary>
    /// <value>The default value is 1 MiB (about 27,000 roots).</value>
    public int MaxHeaderSize { get; init; } = 1024 * 1024;

    /// <summary>
    /// Gets the largest block accepted, in bytes (the data of a section, not counting its CID). Kubo's and bitswap's
    /// limit is 2 MiB; the default leaves room above it.
    /// </summary>
    /// <value>The default value is 4 MiB.</value>
    public int MaxBlockSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Gets whether each block is hashed and checked against its CID. Turn it off only for CARs from a trusted source:
    /// unverified blocks may not be what their CIDs say.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool VerifyBlocks { get; init; } = true;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaderSize, 1, nameof(MaxHeaderSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxHeaderSize, MaxLimit, nameof(MaxHeaderSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBlockSize, 1, nameof(MaxBlockSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBlockSize, MaxLimit, nameof(MaxBlockSize));
    }
}
