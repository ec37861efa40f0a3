using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Tests.Interop;

/// <summary>An importer setting and the add query that asks the peer for the same thing.</summary>
public sealed record ImporterSettings(string Name, ImportOptions Options, IReadOnlyDictionary<string, string> Query)
{
    public static readonly ImporterSettings Defaults = new("defaults", ImportOptions.UnixFsV0Of2015, new Dictionary<string, string>());

    public static readonly ImporterSettings CidV1RawLeaves = new(
        "cidv1+raw-leaves",
        ImportOptions.UnixFsV0Of2015 with { CidVersion = 1, RawLeaves = true },
        new Dictionary<string, string> { ["cid-version"] = "1", ["raw-leaves"] = "true" });

    public static readonly ImporterSettings Chunks64K = new(
        "64KiB-chunks",
        ImportOptions.UnixFsV0Of2015 with { ChunkSize = 65_536 },
        new Dictionary<string, string> { ["chunker"] = "size-65536" });

    public static readonly ImporterSettings Trickle = new(
        "trickle",
        ImportOptions.UnixFsV0Of2015 with { Layout = DagLayout.Trickle },
        new Dictionary<string, string> { ["trickle"] = "true" });

    /// <summary>unixfs-v1-2025 differs from what the peer can be asked for only in its 1,024-link nodes, so files of at most 174 chunks compare.</summary>
    public static readonly ImporterSettings V1Profile2025 = new(
        "unixfs-v1-2025",
        ImportOptions.UnixFsV1Of2025,
        new Dictionary<string, string> { ["cid-version"] = "1", ["raw-leaves"] = "true", ["chunker"] = "size-1048576" });

    public static readonly IReadOnlyList<ImporterSettings> Matrix = [Defaults, CidV1RawLeaves, Chunks64K, Trickle];

    public override string ToString() => Name;
}
