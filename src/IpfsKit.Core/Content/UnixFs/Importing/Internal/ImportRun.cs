using IpfsKit.Content.DagPb;

namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>The state of one import: settings, sink, progress and the running byte count.</summary>
internal sealed class ImportRun(ImportOptions options, BlockSink sink, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
{
    private long _totalBytes;

    public async ValueTask<DagLink> ImportFileAsync(Stream content, string path)
    {
        long fileBytes = 0;
        var leafType = options.Layout == DagLayout.Trickle ? UnixFsType.Raw : UnixFsType.File;
        var leaves = new LeafSource(content, options, sink, leafType, read =>
        {
            fileBytes += read;
            _totalBytes += read;
            progress?.Report(new ImportProgress(path, fileBytes, _totalBytes));
        }, cancellationToken);
        await using (leaves.ConfigureAwait(false))
        {
            return options.Layout == DagLayout.Trickle
                ? await TrickleLayout.BuildAsync(leaves, sink, options.MaxLinks, cancellationToken).ConfigureAwait(false)
                : await BalancedLayout.BuildAsync(leaves, sink, options.MaxLinks, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Imports a node and what is under it, children first.</summary>
    /// <param name="node">The node; parts already <see cref="ImportTree.Imported"/> are reused.</param>
    /// <param name="path">Its path.</param>
    /// <param name="directories">Receives each directory as it is committed (after its contents), or <see langword="null"/>.</param>
    public async ValueTask<DagLink> ImportTreeAsync(ImportTree node, string path, List<ImportResult>? directories = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (node.Imported is { } done)
        {
            return done;
        }

        var entry = node.Entry;
        if (entry is { Kind: ImportEntryKind.File })
        {
            var stream = await entry.OpenContent!(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await ImportFileAsync(stream, path).ConfigureAwait(false);
            }
        }

        if (entry is { Kind: ImportEntryKind.Symlink })
        {
            return await SymlinkAsync(entry.SymlinkTarget!).ConfigureAwait(false);
        }

        var children = new List<KeyValuePair<string, DagLink>>(node.Children.Count);
        foreach (var (name, child) in node.Children)
        {
            var childPath = path.Length == 0 ? name : path + "/" + name;
            children.Add(new(name, await ImportTreeAsync(child, childPath, directories).ConfigureAwait(false)));
        }

        var directory = await CommitDirectoryAsync(children).ConfigureAwait(false);
        directories?.Add(new ImportResult(directory.Cid, path, directory.ContentSize, directory.Tsize));
        return directory;
    }

    public ValueTask<DagLink> CommitDirectoryAsync(IReadOnlyList<KeyValuePair<string, DagLink>> entries) =>
        DirectoryBuilder.CommitAsync(entries, options, sink, cancellationToken);

    private async ValueTask<DagLink> SymlinkAsync(string target)
    {
        var data = UnixFsCodec.Encode(new UnixFsData { Type = UnixFsType.Symlink, Data = System.Text.Encoding.UTF8.GetBytes(target) });
        var bytes = DagPbCodec.Encode(new DagPbNode([], data));
        var cid = await sink.PutAsync(Multicodec.DagPb, bytes, sink.CidVersion, cancellationToken).ConfigureAwait(false);
        return new DagLink(cid, 0, (ulong)bytes.Length);
    }
}
