using IpfsKit.Errors;
using IpfsKit.Internal;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpfsKit.Roles.Worker.Internal;

/// <summary>
/// A member's life with its master: join (again until it works), heartbeat with free space and pin count every
/// interval, join again when the master no longer counts it alive, leave for a restart on a clean stop (the master keeps
/// its placements for the away grace); a worker collects its garbage when its store passes the high-water mark. A
/// drained worker (<see cref="WorkerDrain"/>) stops beating once the master has let it go, never joins again and stops
/// without a leave. What to hold arrives from the master through the host's <c>/api/v0</c> (block/put, pin/add), applied
/// by the node's own transport. The member is a worker, or the master of a sub-cluster that joined a parent master
/// (<see cref="IMemberReporter"/> says which, and what room it reports).
/// </summary>
internal sealed partial class WorkerAgent(
    TransportProvider provider,
    IMemberReporter reporter,
    MasterLinkClient link,
    MasterLinkState state,
    WorkerDrain drain,
    IOptions<IpfsKitOptions> options,
    TimeProvider time,
    ILogger<WorkerAgent> logger) : BackgroundService
{
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(3);
    private string? _workerId;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await StopCollectingAsync().ConfigureAwait(false);
        if (drain.State == WorkerDrainState.Drained)
        {
            LogStoppedDrained(logger);
        }
        else if (_workerId is { } id)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(LeaveTimeout);
            try
            {
                await link.LeaveAsync(new WorkerLeaveRequest(id) { Restarting = true }, timeout.Token).ConfigureAwait(false);
                LogLeft(logger, id);
            }
            catch (Exception ex) when (ex is IpfsKitRemoteException or OperationCanceledException)
            {
                LogLeaveFailed(logger, id, ex.Message);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var roles = options.Value.Roles;
        var interval = roles.HeartbeatInterval;
        while (!stoppingToken.IsCancellationRequested && drain.State != WorkerDrainState.Drained)
        {
            try
            {
                var opened = await provider.GetAsync(stoppingToken).ConfigureAwait(false);
                var local = opened.Local ?? opened.Transport;
                var report = await reporter.ReadAsync(local, stoppingToken).ConfigureAwait(false);
                if (_workerId is null)
                {
                    var identity = await local.IdentifyAsync(stoppingToken).ConfigureAwait(false);
                    var url = roles.AdvertisedUrl ?? throw new InvalidOperationException("IpfsKit:Roles:AdvertisedUrl is required for a worker.");
                    var join = new WorkerJoinRequest(identity.Id, url, report.CapacityBytes, report.FreeBytes, roles.Zone, MemberTags.Parse(roles.Tags))
                    {
                        Kind = reporter.Kind,
                        Members = report.Members,
                    };
                    var reply = await link.JoinAsync(join, stoppingToken).ConfigureAwait(false);
                    reporter.Joined(identity.Id, reply);
                    _workerId = reply.WorkerId;
                    drain.Joined(reply.WorkerId);
                    interval = reply.HeartbeatIntervalMs > 0 ? TimeSpan.FromMilliseconds(reply.HeartbeatIntervalMs) : roles.HeartbeatInterval;
                    LogJoined(logger, reply.WorkerId, url);
                }
                else
                {
                    var beat = new WorkerHeartbeat(_workerId, report.CapacityBytes, report.FreeBytes, report.Pins) { Members = report.Members };
                    if (await link.HeartbeatAsync(beat, stoppingToken).ConfigureAwait(false) is null)
                    {
                        if (drain.State == WorkerDrainState.Draining)
                        {
                            drain.Left();
                            LogDrained(logger, _workerId);
                            break;
                        }

                        LogForgotten(logger, _workerId);
                        _workerId = null;
                        continue;
                    }
                }

                state.Reached(time.GetUtcNow());
                if (reporter.Kind == MemberKind.Worker && _collection.IsCompleted)
                {
                    // Beside the heartbeats, never in their way: a long collection must not make the worker look dead.
                    _collection = CollectAboveHighWaterAsync(local, report.Local, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is IpfsKitOperationRefusedException || ex is IpfsKitRemoteException { StatusCode: System.Net.HttpStatusCode.Conflict })
            {
                // Refused (a cycle: the parent's lineage holds this master, or this master's holds the parent; or the
                // master is full): said at every attempt, as an error, and tried again.
                state.Lost(ex.Message);
                LogRefused(logger, ex.Message);
            }
            catch (IpfsKitRemoteException ex)
            {
                state.Lost(ex.Message);
                LogMasterUnreachable(logger, ex.Message);
            }

            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Worker {WorkerId} joined the master; the master reaches it at {Url}.")]
    private static partial void LogJoined(ILogger logger, string workerId, Uri url);

    [LoggerMessage(2, LogLevel.Warning, "The master no longer counts worker {WorkerId} as alive; joining again.")]
    private static partial void LogForgotten(ILogger logger, string workerId);

    [LoggerMessage(3, LogLevel.Warning, "The master is unreachable: {Error}")]
    private static partial void LogMasterUnreachable(ILogger logger, string error);

    [LoggerMessage(4, LogLevel.Information, "Worker {WorkerId} left the master for a restart: it is away, and its placements stay, for the master's grace.")]
    private static partial void LogLeft(ILogger logger, string workerId);

    [LoggerMessage(5, LogLevel.Warning, "Worker {WorkerId} could not leave the master in good order: {Error}")]
    private static partial void LogLeaveFailed(ILogger logger, string workerId, string error);

    [LoggerMessage(9, LogLevel.Information, "Worker {WorkerId} is drained: its ranges are on the others and the master let it go; it stops beating.")]
    private static partial void LogDrained(ILogger logger, string workerId);

    [LoggerMessage(10, LogLevel.Information, "The drained worker stops; it has left the master already.")]
    private static partial void LogStoppedDrained(ILogger logger);

    [LoggerMessage(8, LogLevel.Error, "Joining the master was refused: {Error}")]
    private static partial void LogRefused(ILogger logger, string error);
}
