namespace IpfsKit.Content.UnixFs.Importing;

/// <summary>
/// Settings of <see cref="UnixFsImporter"/>. The defaults are Kubo's <c>ipfs add</c> defaults (profile
/// <c>unixfs-v0-2015</c>): CIDv0, 262,144-byte chunks, balanced layout with 174 links per node, dag-pb leaves.
/// </summary>
public sealed record ImportOptions
{
    /// <summary>The largest chunk Kubo accepts (its block size limit for leaves).</summary>
    public const int MaxChunkSize = 1024 * 1024;

    /// <summary>Gets the profile <c>unixfs-v0-2015</c>: Kubo's historical defaults.</summary>
    public static ImportOptions UnixFsV0Of2015 { get; } = new();

    /// <summary>
    /// Gets the profile <c>unixfs-v1-2025</c>: CIDv1, raw leaves, 1 MiB chunks, 1,024 links per node, HAMT decision by
    /// block size.
    /// </summary>
    public static ImportOptions UnixFsV1Of2025 { get; } = new()
    {
        CidVersion = 1,
        RawLeaves = true,
        ChunkSize = MaxChunkSize,
        MaxLinks = 1024,
        HamtSizeEstimation = HamtSizeEstimation.Block,
    };

    /// <summary>Gets the CID version of the nodes. <value>The default value is 0.</value></summary>
    public int CidVersion { get; init; }

    /// <summary>
    /// Gets whether leaves are raw blocks instead of UnixFS dag-pb nodes.
    /// <value>The default value is <see langword="null"/>: raw leaves when <see cref="CidVersion"/> is 1, as in Kubo.</value>
    /// </summary>
    public bool? RawLeaves { get; init; }

    /// <summary>Gets the fixed chunk size in bytes, 1 to <see cref="MaxChunkSize"/>. <value>The default value is 262,144.</value></summary>
    public int ChunkSize { get; init; } = 262_144;

    /// <summary>Gets the most links a file node may have. <value>The default value is 174.</value></summary>
    public int MaxLinks { get; init; } = 174;

    /// <summary>Gets the layout of file DAGs. <value>The default value is <see cref="DagLayout.Balanced"/>.</value></summary>
    public DagLayout Layout { get; init; } = DagLayout.Balanced;

    /// <summary>Gets whether blocks are only hashed, not stored. <value>The default value is <see langword="false"/>.</value></summary>
    public bool OnlyHash { get; init; }

    /// <summary>Gets whether a single file is wrapped in a directory that names it. <value>The default value is <see langword="false"/>.</value></summary>
    public bool WrapWithDirectory { get; init; }

    /// <summary>Gets whether files and directories whose names start with a dot are imported from disk. <value>The default value is <see langword="false"/>, as Kubo.</value></summary>
    public bool IncludeHidden { get; init; }

    /// <summary>
    /// Gets the estimated size (see <see cref="HamtSizeEstimation"/>) above which a directory becomes a HAMT shard;
    /// 0 never shards. <value>The default value is 262,144.</value>
    /// </summary>
    public int HamtShardingThreshold { get; init; } = 262_144;

    /// <summary>Gets how a directory's size is estimated. <value>The default value is <see cref="HamtSizeEstimation.Links"/>.</value></summary>
    public HamtSizeEstimation HamtSizeEstimation { get; init; } = HamtSizeEstimation.Links;

    /// <summary>Gets the fanout of HAMT shards, a power of two from 8 to 1024. <value>The default value is 256.</value></summary>
    public int HamtFanout { get; init; } = 256;

    /// <summary>Gets how many leaves are hashed in parallel. <value>The default value is the processor count.</value></summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Gets whether leaves are raw blocks, after applying the default.</summary>
    public bool UsesRawLeaves => RawLeaves ?? CidVersion == 1;

    /// <summary>Looks up a profile by its Kubo name.</summary>
    /// <param name="name"><c>unixfs-v0-2015</c> or <c>unixfs-v1-2025</c>.</param>
    /// <returns>The options of the profile.</returns>
    /// <exception cref="ArgumentException">An unknown profile name.</exception>
    public static ImportOptions FromProfile(string name) => name switch
    {
        "unixfs-v0-2015" => UnixFsV0Of2015,
        "unixfs-v1-2025" => UnixFsV1Of2025,
        _ => throw new ArgumentException($"Unknown import profile '{name}'; known: unixfs-v0-2015, unixfs-v1-2025.", nameof(name)),
    };

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        Check(CidVersion is 0 or 1, nameof(CidVersion), "must be 0 or 1");
        Check(ChunkSize is > 0 and <= MaxChunkSize, nameof(ChunkSize), $"must be 1 to {MaxChunkSize}");
        Check(MaxLinks is >= 2 and <= 65_536, nameof(MaxLinks), "must be 2 to 65536");
        Check(HamtShardingThreshold >= 0, nameof(HamtShardingThreshold), "must not be negative");
        Check(HamtFanout is >= 8 and <= 1024 && (HamtFanout & (HamtFanout - 1)) == 0, nameof(HamtFanout), "must be a power of two from 8 to 1024");
        Check(MaxDegreeOfParallelism >= 1, nameof(MaxDegreeOfParallelism), "must be at least 1");
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"ImportOptions.{name} {rule}.", name);
        }
    }
}
