using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.Internal;
using IpfsKit.Storage;
using IpfsKit.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>
/// A remote transport's link with its durable offline outbox (<c>WithOfflineOutbox</c>): whether the node answered
/// last, and the replay, in order, of what waits. A queued pin first puts every block this process holds of its DAG
/// (an add made offline) on the node, then pins it there, then lets the cache evict those blocks again. An operation
/// the node refuses for good (an answer of 400–500 other than 408/429) is parked, not retried forever.
/// </summary>
/// <remarks>Thread-safe. The outbox serialises replays; writes made while something waits join the end of the queue.</remarks>
internal sealed partial class OfflineOutboxLink(LeecherOutbox outbox, IServiceProvider services, ILogger<OfflineOutboxLink> logger)
{
    private volatile bool _online = true;

    /// <summary>Gets whether the node answered the last call that needed it.</summary>
    public bool IsOnline => _online;

    /// <summary>Gets the outbox.</summary>
    public LeecherOutbox Outbox => outbox;

    /// <summary>Gets the opened transport (resolved on use: the transport provider itself depends on this link's policy).</summary>
    public ValueTask<OpenedTransport> OpenedAsync(CancellationToken cancellationToken) =>
        services.GetRequiredService<TransportProvider>().GetAsync(cancellationToken);

    /// <summary>Records that the node did not answer.</summary>
    public void Lost(IpfsKitRemoteException error)
    {
        if (_online)
        {
            _online = false;
            LogOffline(logger, error.Message);
        }
    }

    /// <summary>
    /// Tells whether a write may go to the node now: it answered last and nothing waits before the write (what waits is
    /// replayed first). <see langword="false"/>: the write joins the outbox.
    /// </summary>
    public async Task<bool> CanWriteDirectlyAsync(CancellationToken cancellationToken) =>
        _online && await TryReplayAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Replays what waits, in order; returns whether nothing waits any more.</summary>
    /// <exception cref="IpfsKitStorageException">The outbox or the cache cannot be read or written.</exception>
    public async Task<bool> TryReplayAsync(CancellationToken cancellationToken)
    {
        var queue = await outbox.GetAsync(cancellationToken).ConfigureAwait(false);
        if (await queue.IsEmptyAsync(cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        var opened = await OpenedAsync(cancellationToken).ConfigureAwait(false);
        var remote = opened.Local ?? opened.Transport;
        try
        {
            var sent = await queue.DrainAsync(
                (operation, ct) => SendAsync(operation, remote, opened.Blocks, ct),
                parked => LogParked(logger, parked.Operation.Kind, parked.Operation.IdempotencyKey, parked.Reason),
                cancellationToken).ConfigureAwait(false);
            if (!_online)
            {
                LogOnline(logger);
            }

            _online = true;
            if (sent > 0)
            {
                LogReplayed(logger, sent);
            }

            return true;
        }
        catch (IpfsKitRemoteException ex) when (ex.StatusCode is null)
        {
            Lost(ex);
            return false;
        }
        catch (IpfsKitRemoteException ex)
        {
            // The node answered with a passing failure (502/503/504, 408, 429): the operation stays at the head.
            LogReplayStopped(logger, ex.Message);
            return false;
        }
    }

    private static async Task SendAsync(OutboxOperation operation, IIpfsTransport remote, TieredBlockStore cache, CancellationToken cancellationToken)
    {
        try
        {
            switch (operation.Kind)
            {
                case OutboxOperationKind.Pin:
                    var held = cache.Local;
                    await foreach (var block in held.WalkPinAsync(operation.Cid, operation.PinMode, cancellationToken).ConfigureAwait(false))
                    {
                        await remote.PutBlockAsync(block, cancellationToken).ConfigureAwait(false);
                    }

                    await remote.PinAsync(operation.Cid, operation.PinMode, cancellationToken).ConfigureAwait(false);
                    await foreach (var block in held.WalkPinAsync(operation.Cid, operation.PinMode, CancellationToken.None).ConfigureAwait(false))
                    {
                        await cache.UnpinAsync(block.Cid, CancellationToken.None).ConfigureAwait(false);
                    }

                    break;
                case OutboxOperationKind.Unpin:
                    try
                    {
                        await remote.UnpinAsync(operation.Cid, operation.PinMode, cancellationToken).ConfigureAwait(false);
                    }
                    catch (IpfsKitNotPinnedException)
                    {
                        // Already not pinned there: what the unpin asked for.
                    }

                    break;
                case OutboxOperationKind.Publish:
                    await remote.PublishAsync(operation.Topic!, operation.Payload, cancellationToken).ConfigureAwait(false);
                    break;
                case OutboxOperationKind.AddContent:
                    // Written by older versions of the IoT gateway sample, which queued readings themselves.
                    await remote.AddAsync(new MemoryStream(operation.Payload.ToArray(), writable: false), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (IpfsKitRemoteException ex) when (IsRefusal(ex))
        {
            throw RemoteErrors.Refused(ex);
        }
    }

    /// <summary>An answer that will not change by sending the same operation again.</summary>
    private static bool IsRefusal(IpfsKitRemoteException ex) =>
        ex.StatusCode is { } status && (int)status is >= 400 and <= 500 && (int)status is not 408 and not 429;

    [LoggerMessage(3501, LogLevel.Warning, "The node is unreachable; writes wait in the offline outbox: {Error}")]
    private static partial void LogOffline(ILogger logger, string error);

    [LoggerMessage(3502, LogLevel.Information, "The node answers again; the offline outbox is replayed.")]
    private static partial void LogOnline(ILogger logger);

    [LoggerMessage(3503, LogLevel.Information, "Replayed {Count} operations from the offline outbox.")]
    private static partial void LogReplayed(ILogger logger, int count);

    [LoggerMessage(3504, LogLevel.Warning, "Stopped replaying the offline outbox: {Error}")]
    private static partial void LogReplayStopped(ILogger logger, string error);

    [LoggerMessage(3505, LogLevel.Warning, "The node refused the queued {Kind} {Key} for good; it is parked (ILeecherOutbox.GetParkedAsync): {Reason}")]
    private static partial void LogParked(ILogger logger, OutboxOperationKind kind, Guid key, string reason);
}
