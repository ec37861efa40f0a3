namespace IpfsKit.Transports;

/// <summary>What a directory entry is.</summary>
public enum LinkKind
{
    /// <summary>Not known without reading the entry.</summary>
    Unknown,

    /// <summary>A file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,
}
