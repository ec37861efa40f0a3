namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>What <see cref="UnixFsReader.StatAsync"/> tells about a node, read from the node's own block only.</summary>
/// <param name="Cid">The node's CID.</param>
/// <param name="Kind">What the node is.</param>
/// <param name="ContentSize">
/// The content bytes: a file's checked filesize (data plus blocksizes), a raw block's length, a symlink's target length;
/// 0 for directories.
/// </param>
/// <param name="BlockSize">The size of the node's own block (for an identity CID, the inline bytes).</param>
/// <param name="LinkCount">The number of links of this node (for a sharded directory, of its root shard only).</param>
/// <param name="CumulativeSize">
/// The block size plus the <c>Tsize</c> of every link (what <c>ipfs object stat</c> calls CumulativeSize), or
/// <see langword="null"/> when a link has no <c>Tsize</c>. Taken from the links as recorded: a hint, not verified.
/// </param>
public readonly record struct UnixFsNodeInfo(Cid Cid, UnixFsNodeKind Kind, ulong ContentSize, int BlockSize, int LinkCount, ulong? CumulativeSize)
{
    /// <summary>Gets the POSIX mode bits recorded in the node (UnixFS 1.5), or <see langword="null"/>.</summary>
    public uint? Mode { get; init; }

    /// <summary>Gets the modification time recorded in the node (UnixFS 1.5), or <see langword="null"/>.</summary>
    public UnixFsTime? Mtime { get; init; }

    /// <summary>Gets whether the node can be opened with <see cref="UnixFsReader.OpenReadAsync"/>.</summary>
    public bool IsFile => Kind is UnixFsNodeKind.File or UnixFsNodeKind.RawBlock;

    /// <summary>Gets whether the node can be listed with <see cref="UnixFsReader.ListAsync"/>.</summary>
    public bool IsDirectory => Kind is UnixFsNodeKind.Directory or UnixFsNodeKind.ShardedDirectory;
}
