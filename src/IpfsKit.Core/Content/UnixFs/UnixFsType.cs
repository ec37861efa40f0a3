namespace IpfsKit.Content.UnixFs;

/// <summary>The UnixFS node types (the <c>Type</c> field of the UnixFS <c>Data</c> message).</summary>
public enum UnixFsType
{
    /// <summary>Raw file bytes (used by Kubo's trickle leaves and old importers).</summary>
    Raw = 0,

    /// <summary>A directory whose links are its entries.</summary>
    Directory = 1,

    /// <summary>A file: data inline and/or links to parts.</summary>
    File = 2,

    /// <summary>Metadata (deprecated).</summary>
    Metadata = 3,

    /// <summary>A symbolic link; the data is the target path.</summary>
    Symlink = 4,

    /// <summary>A HAMT-sharded directory.</summary>
    HamtShard = 5,
}
