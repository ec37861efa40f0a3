namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>What a UnixFS node is, as <see cref="UnixFsReader"/> sees it.</summary>
public enum UnixFsNodeKind
{
    /// <summary>A dag-pb file: a UnixFS <c>File</c> node, or a legacy UnixFS <c>Raw</c> node.</summary>
    File = 0,

    /// <summary>A plain directory: every link is an entry.</summary>
    Directory = 1,

    /// <summary>A HAMT-sharded directory (UnixFS <c>HAMTShard</c>).</summary>
    ShardedDirectory = 2,

    /// <summary>A symbolic link; its content is the target path.</summary>
    Symlink = 3,

    /// <summary>A UnixFS <c>Metadata</c> node (reserved by the spec; not readable as a file or a directory).</summary>
    Metadata = 4,

    /// <summary>A raw-codec block (0x55): a whole file of its own bytes.</summary>
    RawBlock = 5,
}
