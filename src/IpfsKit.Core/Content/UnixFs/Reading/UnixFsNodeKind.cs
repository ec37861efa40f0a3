namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>What a UnixFS node is, as a reader sees it.</summary>
public enum UnixFsNodeKind
{
    /// <summary>A file (a UnixFS File or Raw node, or a raw block).</summary>
    File = 0,

    /// <summary>A plain directory.</summary>
    Directory = 1,

    /// <summary>A HAMT-sharded directory.</summary>
    ShardedDirectory = 2,

    /// <summary>A symbolic link.</summary>
    Symlink = 3,

    /// <summary>A deprecated UnixFS Metadata node.</summary>
    Metadata = 4,
}
