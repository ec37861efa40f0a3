using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Errors;
using IpfsKit.Storage;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Internal;

/// <content>
/// The block store, and adds of a stream of entries (the host's multipart <c>/api/v0/add</c>): imported through an
/// import session (and the role's add admission, the master's spool), pinned only when the whole add succeeded.
/// </content>
internal sealed partial class IpfsKitClient
{
    public async ValueTask<TieredBlockStore> GetBlockStoreAsync(CancellationToken cancellationToken = default) =>
        (await provider.GetAsync(cancellationToken).ConfigureAwait(false)).Blocks;

    public Task<IReadOnlyList<Cid>> AddEntriesAsync(
        IAsyncEnumerable<ImportEntry> entries,
        Func<ImportResult, CancellationToken, ValueTask> onResult,
        AddOptions? options = null,
        long? expectedLength = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(onResult);
        options ??= AddOptions.Default;
        return RunAsync("add", (opened, ct) => AddEntriesAsync(opened, entries, onResult, options, expectedLength, ct), cancellationToken);
    }

    private async Task<IReadOnlyList<Cid>> AddEntriesAsync(
        OpenedTransport opened,
        IAsyncEnumerable<ImportEntry> entries,
        Func<ImportResult, CancellationToken, ValueTask> onResult,
        AddOptions options,
        long? expectedLength,
        CancellationToken cancellationToken)
    {
        var node = (opened.Local ?? opened.Transport) as EmbeddedTransport ?? throw new IpfsKitNotSupportedException(opened.Transport.Name, "add through the host");
        if (expectedLength is { } length)
        {
            node.ThrowIfCannotFit(length);
        }

        // The role may gate and stream adds (the master's spool budget): enter as its own AddAsync would.
        var spool = opened.Transport is IAddAdmission gate ? await gate.EnterAddAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var session = node.BeginImport();
            await using (session.ConfigureAwait(false))
            {
                var importer = new UnixFsImporter(spool?.Through(session) ?? session, options.Import);
                var (roots, last) = await ImportEntriesAsync(importer, entries, onResult, cancellationToken).ConfigureAwait(false);
                if (options.Pin && (spool is null || !await spool.CompleteAsync(roots, cancellationToken).ConfigureAwait(false)))
                {
                    await PinAllAsync(node, roots, cancellationToken).ConfigureAwait(false);
                }

                session.Complete();
                await onResult(last, cancellationToken).ConfigureAwait(false);
                return roots;
            }
        }
        finally
        {
            if (spool is not null)
            {
                await spool.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Imports the entries, handing each result on once the next one exists: the last (the root) waits for the pins.</summary>
    private static async Task<(List<Cid> Roots, ImportResult Last)> ImportEntriesAsync(
        UnixFsImporter importer,
        IAsyncEnumerable<ImportEntry> entries,
        Func<ImportResult, CancellationToken, ValueTask> onResult,
        CancellationToken cancellationToken)
    {
        var roots = new List<Cid>();
        ImportResult? pending = null;
        await foreach (var result in importer.AddStreamAsync(entries, null, cancellationToken).ConfigureAwait(false))
        {
            if (importer.Options.WrapWithDirectory ? result.Name.Length == 0 : !result.Name.Contains('/', StringComparison.Ordinal))
            {
                roots.Add(result.Cid);
            }

            if (pending is { } previous)
            {
                await onResult(previous, cancellationToken).ConfigureAwait(false);
            }

            pending = result;
        }

        return (roots, pending ?? throw new ArgumentException("No entry to add.", nameof(entries)));
    }

    /// <summary>
    /// Pins every root in the node, then through this facade so the role sees it (the master ingests it, a leecher
    /// queues it for its master). A failure undoes the pins this add made.
    /// </summary>
    private async Task PinAllAsync(EmbeddedTransport node, List<Cid> roots, CancellationToken cancellationToken)
    {
        var local = new List<Cid>();
        var announced = new List<Cid>();
        try
        {
            foreach (var root in roots)
            {
                if (!await node.IsPinnedAsync(root, PinMode.Recursive, cancellationToken).ConfigureAwait(false))
                {
                    await node.PinAsync(root, PinMode.Recursive, cancellationToken).ConfigureAwait(false);
                    local.Add(root);
                }
            }

            foreach (var root in roots)
            {
                await PinAsync(root, PinMode.Recursive, cancellationToken).ConfigureAwait(false);
                if (local.Contains(root))
                {
                    announced.Add(root);
                }
            }
        }
        catch
        {
            await UndoPinsAsync(node, local, announced).ConfigureAwait(false);
            throw;
        }
    }

    private async Task UndoPinsAsync(EmbeddedTransport node, List<Cid> local, List<Cid> announced)
    {
        foreach (var root in announced)
        {
            try
            {
                await UnpinAsync(root, PinMode.Recursive, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IpfsKitException)
            {
                // Best effort: the local pin below is what holds the blocks.
            }
        }

        foreach (var root in local)
        {
            try
            {
                await node.UnpinAsync(root, PinMode.Recursive, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IpfsKitNotPinnedException)
            {
                // The facade's unpin already removed it.
            }
        }
    }
}
