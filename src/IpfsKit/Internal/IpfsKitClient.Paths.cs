using System.Runtime.CompilerServices;
using System.Text;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Internal;

/// <content>IPFS paths (resolved through the cache tiers, so every transport resolves them alike), text and directory adds.</content>
internal sealed partial class IpfsKitClient
{
    public async Task<AddResult> AddTextAsync(string text, AddOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
        return await AddAsync(content, options, null, cancellationToken).ConfigureAwait(false);
    }

    public Task<AddResult> AddDirectoryAsync(string path, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= AddOptions.Default;
        var adapter = progress is null ? null : new EmbeddedTransport.ProgressAdapter(progress);
        return RunAsync("add", async (opened, ct) =>
        {
            if (options.Import.OnlyHash)
            {
                return Result(await new UnixFsImporter(null, options.Import).AddPathAsync(path, adapter, ct).ConfigureAwait(false));
            }

            if ((opened.Local ?? opened.Transport) is not EmbeddedTransport node)
            {
                // A remote node: import here, put each block there, pin the root there.
                var imported = await new UnixFsImporter(new TransportBlockSink(opened.Transport), options.Import).AddPathAsync(path, adapter, ct).ConfigureAwait(false);
                await PinIfAskedAsync(opened, imported.Cid, ct).ConfigureAwait(false);
                return Result(imported);
            }

            var session = node.BeginImport();
            await using (session.ConfigureAwait(false))
            {
                var imported = await new UnixFsImporter(session, options.Import).AddPathAsync(path, adapter, ct).ConfigureAwait(false);
                await PinIfAskedAsync(opened, imported.Cid, ct).ConfigureAwait(false);
                session.Complete();
                return Result(imported);
            }
        }, cancellationToken);

        Task PinIfAskedAsync(OpenedTransport opened, Cid root, CancellationToken ct) =>
            options.Pin ? opened.Transport.PinAsync(root, PinMode.Recursive, ct) : Task.CompletedTask;

        AddResult Result(ImportResult imported) =>
            new(imported.Cid, string.IsNullOrEmpty(imported.Name) ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))) : imported.Name, imported.DagSize);
    }

    public Task<Stream> CatAsync(string path, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        var parsed = ContentPath.Parse(path);
        return parsed.Segments.Count == 0 ? CatAsync(parsed.Root, range, cancellationToken) : CatResolvedAsync(parsed, range, cancellationToken);
    }

    public IAsyncEnumerable<LinkEntry> ListAsync(string path, CancellationToken cancellationToken = default) =>
        ListAsync(ContentPath.Parse(path), cancellationToken);

    public async IAsyncEnumerable<LinkEntry> ListAsync(ContentPath path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cid = await ResolveAsync(path, cancellationToken).ConfigureAwait(false);
        var opened = await provider.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!opened.IsRemote)
        {
            await foreach (var link in opened.Transport.ListAsync(cid, cancellationToken).ConfigureAwait(false))
            {
                yield return link;
            }

            yield break;
        }

        // A remote node: list through the cache tiers (every block verified; HAMTs flattened whatever the node's ls does).
        var reader = new UnixFsReader(opened.Blocks);
        await foreach (var entry in reader.ListAsync(cid, cancellationToken).ConfigureAwait(false))
        {
            yield return new LinkEntry(entry.Name, entry.Cid, entry.Tsize, await KindAsync(reader, entry.Cid, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task<LinkKind> KindAsync(UnixFsReader reader, Cid cid, CancellationToken cancellationToken)
    {
        var info = await reader.StatAsync(cid, cancellationToken).ConfigureAwait(false);
        return info.IsFile ? LinkKind.File : info.IsDirectory ? LinkKind.Directory : LinkKind.Unknown;
    }

    public Task<UnixFsNodeInfo> StatAsync(string path, CancellationToken cancellationToken = default) =>
        StatAsync(ContentPath.Parse(path), cancellationToken);

    public Task<UnixFsNodeInfo> StatAsync(ContentPath path, CancellationToken cancellationToken = default) =>
        RunAsync("stat", async (opened, ct) =>
        {
            var reader = new UnixFsReader(opened.Blocks);
            var cid = (await reader.ResolveAsync(path, null, ct).ConfigureAwait(false)).Cid;
            return await reader.StatAsync(cid, ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<Cid> ResolveAsync(ContentPath path, CancellationToken cancellationToken = default) =>
        path.Segments.Count == 0
            ? Task.FromResult(path.Root)
            : RunAsync("resolve", async (opened, ct) =>
                (await new UnixFsReader(opened.Blocks).ResolveAsync(path, null, ct).ConfigureAwait(false)).Cid, cancellationToken);

    private async Task<Stream> CatResolvedAsync(ContentPath path, ByteRange? range, CancellationToken cancellationToken)
    {
        var cid = await ResolveAsync(path, cancellationToken).ConfigureAwait(false);
        return await CatAsync(cid, range, cancellationToken).ConfigureAwait(false);
    }
}
