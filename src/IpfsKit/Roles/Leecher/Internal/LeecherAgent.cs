using IpfsKit.Blocks;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.Internal;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>
/// The leecher's link with its master: probes <c>/ready</c> every interval (and as soon as something is queued), keeps
/// <see cref="MasterLinkState"/> true to what it saw, drains the outbox in order while the master answers
/// (<see cref="RolesOptions.SyncOnConnect"/>; an operation the master refuses for good is parked, and the drain goes on)
/// and prefetches <see cref="RolesOptions.PrioritizedCids"/> into the cache. With a <see cref="RolesOptions.SyncSchedule"/>
/// it drains and prefetches only inside sync windows; in <see cref="RolesOptions.OfflineMode"/> it does not even probe
/// outside them (and never without a schedule), and sends each operation with its <see cref="RolesOptions.DeviceId"/>.
/// </summary>
internal sealed partial class LeecherAgent(
    TransportProvider provider,
    LeecherOutbox outbox,
    MasterLinkClient link,
    [FromKeyedServices(HttpClientNames.MasterLink)] KuboRpcTransport master,
    MasterLinkState state,
    IOptions<IpfsKitOptions> options,
    TimeProvider time,
    ILogger<LeecherAgent> logger) : BackgroundService
{
    private readonly HashSet<string> _prefetched = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var roles = options.Value.Roles;
        var schedule = roles.SyncSchedule is { } cron ? SyncSchedule.Parse(cron, roles.SyncWindow) : null;
        var wasInWindow = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var closes = schedule is null ? (roles.OfflineMode ? null : DateTimeOffset.MaxValue) : schedule.ClosesAt(now);
            var next = schedule?.NextOpening(now);
            if (closes is not null && !wasInWindow && schedule is not null)
            {
                _prefetched.Clear(); // prioritized CIDs refresh in every window
                LogWindowOpened(logger, closes.Value);
            }
            else if (closes is null && wasInWindow)
            {
                LogWindowClosed(logger, next);
            }

            wasInWindow = closes is not null;
            if (closes is null && roles.OfflineMode)
            {
                // Disconnected by design: no probe, no drain; reads come from the cache only (RemoteRolePolicy).
                state.Lost("offline mode: outside a sync window");
                await Task.Delay(Until(next, now, TimeSpan.FromHours(1)), time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            await TickAsync(roles, inWindow: closes is not null, stoppingToken).ConfigureAwait(false);
            var wait = closes is { } end ? Until(end, now, roles.HeartbeatInterval) : Until(next, now, roles.HeartbeatInterval);
            if (closes is not null)
            {
                await outbox.WaitQueuedAsync(wait, time, stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The time until <paramref name="at"/> (a window's edge; a little after it), at most <paramref name="most"/>.</summary>
    private static TimeSpan Until(DateTimeOffset? at, DateTimeOffset now, TimeSpan most) =>
        at is { } edge && edge - now + TimeSpan.FromMilliseconds(10) is var span && span < most ? (span > TimeSpan.Zero ? span : TimeSpan.Zero) : most;

    private async Task TickAsync(RolesOptions roles, bool inWindow, CancellationToken stoppingToken)
    {
        var wasOnline = state.IsReachable;
        if (await link.IsReadyAsync(stoppingToken).ConfigureAwait(false))
        {
            state.Reached(time.GetUtcNow());
            if (!wasOnline)
            {
                LogOnline(logger);
            }

            if (!inWindow)
            {
                return; // outside the sync windows nothing is sent and nothing refreshed
            }

            if (roles.SyncOnConnect)
            {
                await DrainAsync(stoppingToken).ConfigureAwait(false);
            }

            await PrefetchAsync(roles.PrioritizedCids, stoppingToken).ConfigureAwait(false);
        }
        else
        {
            state.Lost("the master does not answer /ready");
            _prefetched.Clear();
            if (wasOnline)
            {
                LogOffline(logger);
            }
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            var queue = await outbox.GetAsync(cancellationToken).ConfigureAwait(false);
            var opened = await provider.GetAsync(cancellationToken).ConfigureAwait(false);
            var local = opened.Local ?? opened.Transport;
            var held = opened.Blocks.Local;
            var sent = await queue.DrainAsync(
                (operation, ct) => SendAsync(operation, local, held, ct),
                parked => LogParked(logger, parked.Operation.Kind, parked.Operation.IdempotencyKey, parked.Reason),
                cancellationToken).ConfigureAwait(false);
            state.Drained();
            if (sent > 0)
            {
                LogDrained(logger, sent);
            }
        }
        catch (IpfsKitException ex)
        {
            // The operation stays at the head of the queue; the next tick resumes there. An answer (5xx, 401, 403)
            // means the master is there but the outbox is stuck; no answer means the link is down.
            if (ex is IpfsKitRemoteException { StatusCode: not null })
            {
                state.DrainFailed(ex.Message);
            }
            else
            {
                state.Lost(ex.Message);
            }

            LogDrainStopped(logger, ex.Message);
        }
    }

    private async Task SendAsync(OutboxOperation operation, IIpfsTransport local, IBlockSource held, CancellationToken cancellationToken)
    {
        if (operation.Kind == OutboxOperationKind.Pin)
        {
            // The master gets every block this node holds of the DAG before the pin request.
            await foreach (var block in held.WalkPinAsync(operation.Cid, operation.PinMode, cancellationToken).ConfigureAwait(false))
            {
                await master.PutBlockAsync(block, cancellationToken).ConfigureAwait(false);
            }
        }

        await link.ForwardAsync(operation, options.Value.Roles.DeviceId, cancellationToken).ConfigureAwait(false);
        if (operation.Kind == OutboxOperationKind.Pin)
        {
            try
            {
                await local.UnpinAsync(operation.Cid, operation.PinMode, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IpfsKitNotPinnedException)
            {
                // Not held here (a pin request for content the master already had).
            }
        }
    }

    private async Task PrefetchAsync(IList<string> cids, CancellationToken cancellationToken)
    {
        foreach (var text in cids)
        {
            if (_prefetched.Contains(text) || !Content.Cid.TryParse(text, out var cid))
            {
                continue;
            }

            try
            {
                var opened = await provider.GetAsync(cancellationToken).ConfigureAwait(false);
                var blocks = 0;
                await foreach (var _ in DagWalker.WalkAsync(opened.Blocks, cid, new DagWalkOptions { SkipMissing = true }, cancellationToken).ConfigureAwait(false))
                {
                    blocks++;
                }

                _prefetched.Add(text);
                LogPrefetched(logger, text, blocks);
            }
            catch (IpfsKitException ex)
            {
                LogPrefetchFailed(logger, text, ex.Message);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "The master is reachable; the leecher is online.")]
    private static partial void LogOnline(ILogger logger);

    [LoggerMessage(2, LogLevel.Warning, "The master is unreachable; the leecher is offline and queues its requests.")]
    private static partial void LogOffline(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Sent {Count} queued operations to the master.")]
    private static partial void LogDrained(ILogger logger, int count);

    [LoggerMessage(4, LogLevel.Warning, "Stopped sending queued operations: {Error}")]
    private static partial void LogDrainStopped(ILogger logger, string error);

    [LoggerMessage(7, LogLevel.Warning, "The master refused the queued {Kind} {Key} for good; it is parked (list: ipfs-kit outbox ls; retry: ipfs-kit outbox retry): {Reason}")]
    private static partial void LogParked(ILogger logger, OutboxOperationKind kind, Guid key, string reason);

    [LoggerMessage(3601, LogLevel.Information, "A sync window is open until {Closes:u}: the leecher drains its outbox and refreshes its prioritized CIDs.")]
    private static partial void LogWindowOpened(ILogger logger, DateTimeOffset closes);

    [LoggerMessage(3602, LogLevel.Information, "The sync window closed; the next opens at {Next:u}.")]
    private static partial void LogWindowClosed(ILogger logger, DateTimeOffset? next);

    [LoggerMessage(5, LogLevel.Information, "Prefetched {Cid} ({Blocks} blocks) into the cache.")]
    private static partial void LogPrefetched(ILogger logger, string cid, int blocks);

    [LoggerMessage(6, LogLevel.Warning, "Could not prefetch {Cid}: {Error}")]
    private static partial void LogPrefetchFailed(ILogger logger, string cid, string error);
}
