using IpfsKit.Roles;
using IpfsKit.Roles.Worker;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Opens the transport in the background at start, and answers whether the node can serve now (/ready): the storage is
/// open and its folder is still there, a worker's master answers its heartbeats and the worker is not draining
/// (<c>ipfs-kit worker drain</c>: it serves its ranges until handed over, but takes no new work), and the host is not stopping. It goes
/// false whenever one of these stops being true and true again when it is back. If the transport cannot open (the
/// storage folder is unusable, …) the node would never become ready, so it stops the host instead and keeps the error
/// for the exit message (exit code 1).
/// </summary>
/// <remarks>
/// A leecher stays ready while its master is away: it serves its cache and queues writes in its offline outbox, which is
/// what it is for. A worker does not: the master places data on it and reads through it only while they are linked.
/// </remarks>
internal sealed partial class Readiness(IIpfsKit ipfs, NodeSettings settings, IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<Readiness> logger)
    : BackgroundService
{
    private volatile bool _open;
    private volatile string? _error;
    private volatile string? _lastReason = "starting";

    /// <summary>Gets whether the transport (with its storage) is open.</summary>
    public bool IsOpen => _open;

    /// <summary>Gets why the transport failed to open, or <see langword="null"/>.</summary>
    public string? Error => _error;

    /// <summary>Gets why the node cannot serve now, or <see langword="null"/> when it is ready.</summary>
    public string? NotReadyReason
    {
        get
        {
            var reason = Evaluate();
            if (reason != _lastReason)
            {
                _lastReason = reason;
                LogChanged(logger, reason is null, reason ?? "ready");
            }

            return reason;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var transport = await ipfs.GetTransportAsync(stoppingToken).ConfigureAwait(false);
            _open = true;
            LogOpen(logger, transport.GetType().Name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = e.Message;
            LogFailed(logger, e);
            lifetime.StopApplication();
        }
    }

    private string? Evaluate()
    {
        if (_error is { } error)
        {
            return error;
        }

        if (!_open)
        {
            return "starting: the storage is opening";
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return "stopping";
        }

        if (!Directory.Exists(settings.DataPath))
        {
            return "IPFS_PATH is gone (the volume was unmounted or the folder deleted)";
        }

        if (settings.Role == NodeRole.Worker && services.GetRequiredService<IWorkerDrain>().State is not WorkerDrainState.Serving and var drain)
        {
            return drain == WorkerDrainState.Drained ? "drained: the worker has left its master" : "draining: the master is handing this worker's ranges to the others";
        }

        if (settings.Role == NodeRole.Worker && services.GetRequiredService<IMasterLinkMonitor>().Current is { Reachable: false } link)
        {
            return $"the master is unreachable: {link.LastError ?? "not contacted yet"}";
        }

        return null;
    }

    [LoggerMessage(1, LogLevel.Information, "Transport {Transport} open")]
    private static partial void LogOpen(ILogger logger, string transport);

    [LoggerMessage(2, LogLevel.Error, "Transport failed to open; stopping the node")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(70, LogLevel.Information, "Readiness changed: ready={Ready} ({Reason})")]
    private static partial void LogChanged(ILogger logger, bool ready, string reason);
}
