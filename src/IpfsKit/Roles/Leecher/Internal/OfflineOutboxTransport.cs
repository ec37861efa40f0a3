using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Errors;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>
/// A remote transport with a durable offline outbox (<c>WithOfflineOutbox</c>): adds, pins, unpins and publishes go to
/// the node while it answers and nothing waits before them; otherwise they join the outbox, replayed in order when the
/// node is back. An add made offline is imported into the local cache, its blocks held there (never evicted) until
/// its queued pin put them on the node; its CID is the one the node computes for the same options. Reads are unchanged:
/// the cache first (which holds what was added offline), then the node.
/// </summary>
/// <remarks>
/// An add that found the node unreachable is imported locally only when its stream can seek back to where it started;
/// otherwise the node's error is thrown. An add without <see cref="AddOptions.Pin"/> or with only-hash is not queued.
/// </remarks>
internal sealed class OfflineOutboxTransport(IIpfsTransport remote, OfflineOutboxLink link) : DelegatingIpfsTransport(remote)
{
    public override async Task<AddResult> AddAsync(Stream content, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= AddOptions.Default;
        if (!options.Pin || options.Import.OnlyHash)
        {
            return await base.AddAsync(content, options, progress, cancellationToken).ConfigureAwait(false);
        }

        if (await link.CanWriteDirectlyAsync(cancellationToken).ConfigureAwait(false))
        {
            var start = content.CanSeek ? content.Position : -1;
            try
            {
                return await base.AddAsync(content, options, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (IpfsKitRemoteException ex) when (ex.StatusCode is null && start >= 0)
            {
                link.Lost(ex);
                content.Position = start;
            }
        }

        return await AddOfflineAsync(content, options, cancellationToken).ConfigureAwait(false);
    }

    public override Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
        WriteAsync(ct => base.PinAsync(cid, mode, ct), OutboxOperation.Pin(cid, mode), cancellationToken);

    public override Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
        WriteAsync(ct => base.UnpinAsync(cid, mode, ct), OutboxOperation.Unpin(cid, mode), cancellationToken);

    public override Task PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteAsync(ct => base.PublishAsync(topic, data, ct), OutboxOperation.Publish(topic, data.Span), cancellationToken);

    private async Task WriteAsync(Func<CancellationToken, Task> direct, OutboxOperation queued, CancellationToken cancellationToken)
    {
        if (await link.CanWriteDirectlyAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await direct(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (IpfsKitRemoteException ex) when (ex.StatusCode is null)
            {
                link.Lost(ex);
            }
        }

        await link.Outbox.EnqueueAsync(queued, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AddResult> AddOfflineAsync(Stream content, AddOptions options, CancellationToken cancellationToken)
    {
        var cache = (await link.OpenedAsync(cancellationToken).ConfigureAwait(false)).Blocks;
        var held = new HeldBlockSink(cache);
        var imported = await new UnixFsImporter(held, options.Import).AddFileAsync(content, options.FileName, null, cancellationToken).ConfigureAwait(false);
        try
        {
            await link.Outbox.EnqueueAsync(OutboxOperation.Pin(imported.Cid), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IpfsKitException or OperationCanceledException)
        {
            // Not queued (outbox full, database failure): nothing will send these blocks, so nothing holds them.
            await held.ReleaseAsync().ConfigureAwait(false);
            throw;
        }

        return new AddResult(imported.Cid, options.FileName ?? imported.Cid.ToString(), imported.DagSize);
    }
}
