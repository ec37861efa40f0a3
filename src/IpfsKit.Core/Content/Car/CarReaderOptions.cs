namespace IpfsKit.Content.Car;

/// <summary>Limits and checks of <see cref="CarReader"/>.</summary>
public sealed record CarReaderOptions
{
    /// <summary>Gets the largest header accepted. <value>The default value is 1 MiB.</value></summary>
    public int MaxHeaderSize { get; init; } = 1024 * 1024;

    /// <summary>Gets the largest section (CID + block) accepted. <value>The default value is 4 MiB.</value></summary>
    public int MaxSectionSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Gets whether each block is hashed and checked against its CID. <value>The default value is <see langword="true"/>.</value></summary>
    public bool VerifyBlocks { get; init; } = true;
}
