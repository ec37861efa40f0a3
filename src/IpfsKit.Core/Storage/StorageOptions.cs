namespace IpfsKit.Storage;

/// <summary>
/// Options of the tiered block store: where the disk tier lives and the byte budgets of both tiers. Binds from
/// configuration; the budgets accept the environment's text forms (<c>MAX_MEMORY=512M</c>, <c>MAX_STORAGE=500G</c>).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The default <see cref="MaxMemory"/>: 512 MiB.</summary>
    public static readonly ByteSize DefaultMaxMemory = ByteSize.FromMebibytes(512);

    /// <summary>The default <see cref="MaxStorage"/>: 10 GiB, as Kubo's <c>Datastore.StorageMax</c>.</summary>
    public static readonly ByteSize DefaultMaxStorage = ByteSize.FromGibibytes(10);

    /// <summary>Gets or sets the folder of the disk tier; created when missing.</summary>
    /// <value>The default value is <see langword="null"/>: no disk tier (memory only).</value>
    public string? Path { get; set; }

    /// <summary>Gets or sets the byte budget of the memory tier; zero disables the tier.</summary>
    /// <value>The default value is 512 MiB (<c>512M</c>).</value>
    public ByteSize MaxMemory { get; set; } = DefaultMaxMemory;

    /// <summary>Gets or sets the byte budget of the disk tier; zero disables the tier.</summary>
    /// <value>The default value is 10 GiB (<c>10G</c>).</value>
    public ByteSize MaxStorage { get; set; } = DefaultMaxStorage;

    /// <summary>
    /// Gets or sets whether each block file is flushed to the device (fsync) before it becomes visible. Off trades
    /// durability across power loss for write speed; a crash of the process alone never loses acknowledged blocks either way.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Fsync { get; set; } = true;

    /// <summary>Checks the options that can be checked without touching the disk.</summary>
    /// <exception cref="ArgumentException"><see cref="Path"/> is empty or only white space, or contains invalid characters.</exception>
    public void Validate()
    {
        if (Path is not null && (string.IsNullOrWhiteSpace(Path) || Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0))
        {
            throw new ArgumentException($"StorageOptions.Path '{Path}' is not a usable folder path.", nameof(Path));
        }
    }
}
