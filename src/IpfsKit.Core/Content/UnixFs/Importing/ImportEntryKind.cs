namespace IpfsKit.Content.UnixFs.Importing;

/// <summary>The kinds of <see cref="ImportEntry"/>.</summary>
public enum ImportEntryKind
{
    /// <summary>A regular file.</summary>
    File = 0,

    /// <summary>A directory.</summary>
    Directory = 1,

    /// <summary>A symbolic link.</summary>
    Symlink = 2,
}
