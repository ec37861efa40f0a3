using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>
/// The leecher's policy over its own transport: it never pins for others. An add is stored locally (held by a local
/// pin until the master has it) and its pin request is queued for the master; pin, unpin and publish requests are
/// queued too. The outbox is durable and drained in order, exactly once, by the agent while the master is reachable.
/// Reads go through the local cache, then the master.
/// </summary>
internal sealed class LeecherTransport(IIpfsTransport local, LeecherOutbox outbox) : DelegatingIpfsTransport(local)
{
    public override async Task<AddResult> AddAsync(Stream content, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= AddOptions.Default;
        var result = await base.AddAsync(content, options, progress, cancellationToken).ConfigureAwait(false);
        if (options.Pin)
        {
            // The local pin (made by the add) holds the blocks until the master acknowledged its own pin.
            try
            {
                await outbox.EnqueueAsync(OutboxOperation.Pin(result.Cid), CancellationToken.None).ConfigureAwait(false);
            }
            catch (IpfsKitException)
            {
                // Not queued (outbox full, database failure): release the hold so nothing stays pinned for nobody.
                await base.UnpinAsync(result.Cid, PinMode.Recursive, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        return result;
    }

    public override Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
        outbox.EnqueueAsync(OutboxOperation.Pin(cid, mode), cancellationToken);

    public override Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
        outbox.EnqueueAsync(OutboxOperation.Unpin(cid, mode), cancellationToken);

    public override async Task PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await outbox.EnqueueAsync(OutboxOperation.Publish(topic, data.Span), cancellationToken).ConfigureAwait(false);
        await base.PublishAsync(topic, data, cancellationToken).ConfigureAwait(false);
    }
}
