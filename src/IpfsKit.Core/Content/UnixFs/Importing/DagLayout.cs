namespace IpfsKit.Content.UnixFs.Importing;

/// <summary>How the importer arranges a file's chunks into a tree.</summary>
public enum DagLayout
{
    /// <summary>Kubo's default: a full tree, filled left to right, at most <see cref="ImportOptions.MaxLinks"/> links per node.</summary>
    Balanced = 0,

    /// <summary>Kubo's trickle layout (<c>--trickle</c>): good for streaming and appending; leaves are UnixFS <c>Raw</c> nodes.</summary>
    Trickle = 1,
}
