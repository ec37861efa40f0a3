using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Importing.Internal;

namespace IpfsKit.Content.UnixFs.Importing;

/// <summary>
/// Turns files and directory trees into UnixFS DAGs whose CIDs equal those of Kubo's <c>ipfs add</c> with the same
/// settings. Streams: a file of any size is imported in memory bounded by (parallelism + 2) pooled chunk buffers plus one
/// node per tree level; leaves reach the store lent from those buffers (<see cref="IBlockStore.PutLentAsync"/>).
/// </summary>
/// <remarks>
/// Blocks are written to the store children first, so a root is only stored once everything under it is. An instance
/// may be used for several imports, one after another or concurrently.
/// </remarks>
public sealed partial class UnixFsImporter
{
    private readonly IBlockStore? _store;

    /// <summary>Creates an importer.</summary>
    /// <param name="store">Where blocks are written; <see langword="null"/> only hashes (like <c>--only-hash</c>).</param>
    /// <param name="options">Settings. <value>The default value is <see cref="ImportOptions.UnixFsV0Of2015"/>.</value></param>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public UnixFsImporter(IBlockStore? store, ImportOptions? options = null)
    {
        Options = options ?? ImportOptions.UnixFsV0Of2015;
        Options.Validate();
        _store = Options.OnlyHash ? null : store;
    }

    /// <summary>Gets the settings.</summary>
    public ImportOptions Options { get; }

    /// <summary>Imports one file from a stream.</summary>
    /// <param name="content">The file's bytes, read to the end (not disposed).</param>
    /// <param name="name">The file's name, used by <see cref="ImportOptions.WrapWithDirectory"/> and in progress reports.</param>
    /// <param name="progress">Receives progress after each chunk, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>The root: the file, or the wrapping directory.</returns>
    public async Task<ImportResult> AddFileAsync(Stream content, string? name = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var run = new ImportRun(Options, new BlockSink(_store, Options.CidVersion), progress, cancellationToken);
        var file = await run.ImportFileAsync(content, name ?? string.Empty).ConfigureAwait(false);
        if (!Options.WrapWithDirectory)
        {
            return new ImportResult(file.Cid, name ?? string.Empty, file.ContentSize, file.Tsize);
        }

        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("Wrapping a file in a directory needs the file's name.", nameof(name));
        }

        var wrapper = await run.CommitDirectoryAsync([new(name, file)]).ConfigureAwait(false);
        return new ImportResult(wrapper.Cid, string.Empty, wrapper.ContentSize, wrapper.Tsize);
    }

    /// <summary>Imports a tree of files, directories and symbolic links.</summary>
    /// <param name="entries">The entries; parents of files are implied, empty directories must be listed.</param>
    /// <param name="progress">Receives progress after each chunk, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>
    /// The root: the single top-level entry, or, with <see cref="ImportOptions.WrapWithDirectory"/>, the directory holding
    /// the top-level entries.
    /// </returns>
    /// <exception cref="ArgumentException">No entries, a path twice, or several top-level entries without wrapping.</exception>
    public async Task<ImportResult> AddAsync(IEnumerable<ImportEntry> entries, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var tree = ImportTree.Build(entries);
        if (tree.Children.Count == 0)
        {
            throw new ArgumentException("Nothing to import.", nameof(entries));
        }

        if (!Options.WrapWithDirectory && tree.Children.Count > 1)
        {
            throw new ArgumentException("Several top-level entries need ImportOptions.WrapWithDirectory.", nameof(entries));
        }

        var run = new ImportRun(Options, new BlockSink(_store, Options.CidVersion), progress, cancellationToken);
        if (Options.WrapWithDirectory)
        {
            var wrapper = await run.ImportTreeAsync(tree, string.Empty).ConfigureAwait(false);
            return new ImportResult(wrapper.Cid, string.Empty, wrapper.ContentSize, wrapper.Tsize);
        }

        var (name, top) = tree.Children.First();
        var root = await run.ImportTreeAsync(top, name).ConfigureAwait(false);
        return new ImportResult(root.Cid, name, root.ContentSize, root.Tsize);
    }

    /// <summary>Imports a file or a directory (recursively) from disk, as <c>ipfs add -r PATH</c>.</summary>
    /// <param name="path">A file or directory.</param>
    /// <param name="progress">Receives progress after each chunk, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>The root.</returns>
    /// <exception cref="FileNotFoundException">Nothing at <paramref name="path"/>.</exception>
    public async Task<ImportResult> AddPathAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                return await AddFileAsync(stream, Path.GetFileName(full), progress, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!Directory.Exists(full))
        {
            throw new FileNotFoundException($"Nothing to import at '{path}'.", path);
        }

        var entries = FileSystemEntries.Enumerate(full, Options.IncludeHidden);
        return await AddAsync(entries, progress, cancellationToken).ConfigureAwait(false);
    }
}
