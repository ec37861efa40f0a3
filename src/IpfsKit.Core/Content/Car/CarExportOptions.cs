using IpfsKit.Blocks;

namespace IpfsKit.Content.Car;

/// <summary>Settings of <see cref="CarExporter.WriteDagAsync(IBlockSource, Cid, Stream, CarExportOptions, CancellationToken)"/>.</summary>
public sealed record CarExportOptions
{
    /// <summary>Gets the default settings: every block, as <c>ipfs dag export</c>.</summary>
    public static CarExportOptions Default { get; } = new();

    /// <summary>Gets which blocks below the root are written. <value>The default value is <see cref="CarDagScope.All"/>.</value></summary>
    public CarDagScope Scope { get; init; }

    /// <summary>
    /// Gets the byte range of a UnixFS file (or raw block) root whose blocks alone are written: a file node's children
    /// are followed only where their content overlaps it (found from the blocksizes, without fetching the others).
    /// Implies <see cref="CarDagScope.Entity"/>; ignored for a root that is not a file; a range with no byte of the
    /// file writes the root alone. <value>The default value is <see langword="null"/>: the whole entity.</value>
    /// </summary>
    public CarEntityBytes? EntityBytes { get; init; }

    /// <summary>
    /// Gets the blocks written before the DAG (for instance those that prove a path from another root down to this
    /// one), in order; each is written once even when the DAG holds it too. <value>The default value is empty.</value>
    /// </summary>
    public IReadOnlyList<Block> Prefix { get; init; } = [];

    /// <summary>
    /// Gets the CAR header's roots. <value>The default value is <see langword="null"/>: the DAG's root alone.</value>
    /// </summary>
    public IReadOnlyList<Cid>? Roots { get; init; }

    /// <summary>
    /// Gets whether blocks with an identity multihash are left out (their bytes are in the CID that links to them; the
    /// trustless gateway spec forbids them in CAR responses). Their links are still followed.
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool SkipIdentityBlocks { get; init; }
}
