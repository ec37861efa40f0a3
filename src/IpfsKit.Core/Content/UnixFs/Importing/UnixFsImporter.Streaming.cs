using System.Runtime.CompilerServices;
using IpfsKit.Content.UnixFs.Importing.Internal;

namespace IpfsKit.Content.UnixFs.Importing;

/// <content>Importing a tree whose entries arrive one at a time (a multipart upload, as Kubo's <c>ipfs add -r</c> sends it).</content>
public sealed partial class UnixFsImporter
{
    /// <summary>
    /// Imports a tree whose entries arrive one at a time, in any order: each file and symbolic link is imported (its
    /// content read to the end) as soon as it arrives; the directories are committed once the entries end. CIDs are those
    /// of <see cref="AddAsync(IEnumerable{ImportEntry}, IProgress{ImportProgress}?, CancellationToken)"/> for the same entries.
    /// </summary>
    /// <param name="entries">The entries; the next one is requested only once the previous file is imported.</param>
    /// <param name="progress">Receives progress after each chunk, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>
    /// In Kubo's order: each file and symbolic link as it is imported (<see cref="ImportResult.Name"/> is its path),
    /// then each directory after its contents, children in name order. The roots are the top-level entries, or, with
    /// <see cref="ImportOptions.WrapWithDirectory"/>, the wrapping directory (named <c>""</c>), which comes last.
    /// Unlike <see cref="AddAsync(IEnumerable{ImportEntry}, IProgress{ImportProgress}?, CancellationToken)"/>, several
    /// top-level entries without wrapping are allowed: each is a root, as with <c>ipfs add a b</c>.
    /// </returns>
    /// <exception cref="ArgumentException">No entries, a path twice, or a path inside a file.</exception>
    public async IAsyncEnumerable<ImportResult> AddStreamAsync(
        IAsyncEnumerable<ImportEntry> entries, IProgress<ImportProgress>? progress = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var tree = new ImportTree();
        var run = new ImportRun(Options, new BlockSink(_store, Options.CidVersion), progress, cancellationToken);
        await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var node = tree.Add(entry);
            if (entry.Kind != ImportEntryKind.Directory)
            {
                var link = await run.ImportTreeAsync(node, entry.Path).ConfigureAwait(false);
                node.Imported = link;
                yield return new ImportResult(link.Cid, entry.Path, link.ContentSize, link.Tsize);
            }
        }

        if (tree.Children.Count == 0)
        {
            throw new ArgumentException("Nothing to import.", nameof(entries));
        }

        var directories = new List<ImportResult>();
        if (Options.WrapWithDirectory)
        {
            await run.ImportTreeAsync(tree, string.Empty, directories).ConfigureAwait(false);
        }
        else
        {
            foreach (var (name, top) in tree.Children)
            {
                await run.ImportTreeAsync(top, name, directories).ConfigureAwait(false);
            }
        }

        foreach (var directory in directories)
        {
            yield return directory;
        }
    }
}
