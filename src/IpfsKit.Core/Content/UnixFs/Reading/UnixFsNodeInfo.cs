namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>What <see cref="UnixFsReader.StatAsync"/> tells about a node.</summary>
/// <param name="Cid">The node's CID.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Size">File content bytes (files), the target's length (symlinks), 0 for directories.</param>
/// <param name="BlockSize">The size of the node's own block.</param>
/// <param name="LinkCount">How many links the node has.</param>
public readonly record struct UnixFsNodeInfo(Cid Cid, UnixFsNodeKind Kind, ulong Size, int BlockSize, int LinkCount);
