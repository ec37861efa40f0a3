namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>The names of an import, arranged as a tree before any content is read.</summary>
internal sealed class ImportTree
{
    public SortedDictionary<string, ImportTree> Children { get; } = new(Utf8Order.Instance);

    public ImportEntry? Entry { get; private set; }

    public bool IsDirectory => Entry is null || Entry.Kind == ImportEntryKind.Directory;

    public static ImportTree Build(IEnumerable<ImportEntry> entries)
    {
        var root = new ImportTree();
        foreach (var entry in entries)
        {
            var node = root;
            var segments = entry.Path.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                if (!node.IsDirectory)
                {
                    throw new ArgumentException($"'{entry.Path}' is inside '{node.Entry!.Path}', which is not a directory.", nameof(entries));
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
                throw new ArgumentException($"'{entry.Path}' appears twice in the import.", nameof(entries));
            }

            node.Entry = entry;
        }

        return root;
    }
}
