using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Transports;

/// <summary>How to add content: the UnixFS import settings, the file name and whether to pin the result.</summary>
public sealed record AddOptions
{
    /// <summary>Gets the default options: Kubo's <c>ipfs add</c> defaults, pinned.</summary>
    public static AddOptions Default { get; } = new();

    /// <summary>Gets the UnixFS import settings (chunk size, layout, CID version, raw leaves, only-hash, wrap).</summary>
    /// <value>The default value is <see cref="ImportOptions.UnixFsV0Of2015"/> (Kubo's defaults).</value>
    public ImportOptions Import { get; init; } = ImportOptions.UnixFsV0Of2015;

    /// <summary>Gets the file name sent with the content (it matters only with <see cref="ImportOptions.WrapWithDirectory"/>).</summary>
    /// <value>The default value is <see langword="null"/>: the CID names it.</value>
    public string? FileName { get; init; }

    /// <summary>Gets whether the node pins the added DAG recursively.</summary>
    /// <value>The default value is <see langword="true"/>, as <c>ipfs add</c>.</value>
    public bool Pin { get; init; } = true;
}
