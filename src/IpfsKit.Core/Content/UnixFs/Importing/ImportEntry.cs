namespace IpfsKit.Content.UnixFs.Importing;

/// <summary>One file, directory or symbolic link of a tree to import.</summary>
/// <remarks>Paths use <c>/</c> between segments, have no leading <c>/</c>, no empty, <c>.</c> or <c>..</c> segments.</remarks>
public sealed class ImportEntry
{
    private ImportEntry(string path, ImportEntryKind kind, Func<CancellationToken, ValueTask<Stream>>? open, string? target)
    {
        Path = ImportPath.Normalize(path);
        Kind = kind;
        OpenContent = open;
        SymlinkTarget = target;
    }

    /// <summary>Gets the entry's path in the tree.</summary>
    public string Path { get; }

    /// <summary>Gets what the entry is.</summary>
    public ImportEntryKind Kind { get; }

    /// <summary>Gets the function that opens a file's content (files only). The importer disposes the stream.</summary>
    public Func<CancellationToken, ValueTask<Stream>>? OpenContent { get; }

    /// <summary>Gets a symbolic link's target (symbolic links only).</summary>
    public string? SymlinkTarget { get; }

    /// <summary>Describes a file.</summary>
    /// <param name="path">Its path in the tree.</param>
    /// <param name="open">Opens its content when the importer reaches it.</param>
    /// <returns>The entry.</returns>
    public static ImportEntry File(string path, Func<CancellationToken, ValueTask<Stream>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return new(path, ImportEntryKind.File, open, null);
    }

    /// <summary>Describes a file whose content is in memory.</summary>
    /// <param name="path">Its path in the tree.</param>
    /// <param name="content">Its bytes.</param>
    /// <returns>The entry.</returns>
    public static ImportEntry File(string path, ReadOnlyMemory<byte> content) =>
        File(path, _ => ValueTask.FromResult<Stream>(new MemoryStream(content.ToArray(), writable: false)));

    /// <summary>Describes a directory (needed only for empty ones: parents of files are implied).</summary>
    /// <param name="path">Its path in the tree.</param>
    /// <returns>The entry.</returns>
    public static ImportEntry Directory(string path) => new(path, ImportEntryKind.Directory, null, null);

    /// <summary>Describes a symbolic link, stored as a UnixFS symlink (not followed).</summary>
    /// <param name="path">Its path in the tree.</param>
    /// <param name="target">Where it points.</param>
    /// <returns>The entry.</returns>
    public static ImportEntry Symlink(string path, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        return new(path, ImportEntryKind.Symlink, null, target);
    }
}
