namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>The names of an import, arranged as a tree (before any content is read, or as entries arrive).</summary>
internal sealed class ImportTree
{
    public SortedDictionary<string, ImportTree> Children { get; } = new(Utf8Order.Instance);

    public ImportEntry? Entry { get; private set; }

    /// <summary>Gets or sets the node once it is imported (a streamed file or symbolic link), so a later walk reuses it.</summary>
    public DagLink? Imported { get; set; }

    public bool IsDirectory => Entry is null || Entry.Kind == ImportEntryKind.Directory;

    public static ImportTree Build(IEnumerable<ImportEntry> entries)
    {
        var root = new ImportTree();
        foreach (var entry in entries)
        {
            root.Add(entry);
        }

        return root;
    }

    /// <summary>Places one entry in the tree (its parents are implied).</summary>
    /// <returns>The entry's node.</returns>
    /// <exception cref="ArgumentException">The path is inside a file or already taken.</exception>
    public ImportTree Add(ImportEntry entry)
    {
        var node = this;
        var segments = entry.Path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!node.IsDirectory)
            {
                throw new ArgumentException($"'{entry.Path}' is inside '{node.Entry!.Path}', which is not a directory.");
            }

            if (!node.Children.TryGetValue(segments[i], out var child))
            {
                child = new ImportTree();
                node.Children.Add(segments[i], child);
            }

            node = child;
        }

        if (node.Entry is not null || (entry.Kind != ImportEntryKind.Directory && node.Children.Count > 0))
        {
            throw new ArgumentException($"'{entry.Path}' appears twice in the import.");
        }

        node.Entry = entry;
        return node;
    }
}
