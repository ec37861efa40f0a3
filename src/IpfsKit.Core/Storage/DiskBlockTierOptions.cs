namespace IpfsKit.Storage;

/// <summary>Options of a <c>DiskBlockTier</c>.</summary>
public sealed record DiskBlockTierOptions
{
    /// <summary>Gets the folder that holds the tier's files; created when missing.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the byte budget: the block files never add up to more.</summary>
    /// <value>The default value is 10 GiB.</value>
    public ByteSize Capacity { get; init; } = StorageOptions.DefaultMaxStorage;

    /// <summary>Gets whether each block file is flushed to the device before it is renamed into place.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Fsync { get; init; } = true;
}
