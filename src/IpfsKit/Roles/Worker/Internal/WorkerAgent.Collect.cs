using IpfsKit.Errors;
using IpfsKit.Transports;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Worker.Internal;

/// <content>The high-water collection: a worker whose store passes <see cref="RolesOptions.GcHighWater"/> collects its garbage.</content>
internal sealed partial class WorkerAgent
{
    /// <summary>The running (or last) high-water collection; at most one runs at a time.</summary>
    private Task _collection = Task.CompletedTask;

    /// <summary>Collects when the store is above the high-water mark; a failure is logged and tried again next heartbeat.</summary>
    private async Task CollectAboveHighWaterAsync(IIpfsTransport local, RepoStat stat, CancellationToken cancellationToken)
    {
        await Task.Yield(); // the heartbeat loop goes on at once
        var highWater = (long)(options.Value.Roles.GcHighWater * stat.StorageMax);
        if (stat.StorageMax <= 0 || stat.RepoSize <= highWater || !local.Capabilities.HasFlag(TransportCapabilities.GarbageCollection))
        {
            return;
        }

        var removed = 0L;
        try
        {
            await foreach (var _ in local.CollectGarbageAsync(cancellationToken).ConfigureAwait(false))
            {
                removed++;
            }

            var after = await local.RepoStatAsync(cancellationToken).ConfigureAwait(false);
            LogCollected(logger, stat.RepoSize, highWater, removed, after.RepoSize);
        }
        catch (IpfsKitException ex)
        {
            LogCollectFailed(logger, removed, ex);
        }
    }

    /// <summary>Waits for a running collection to end (the stopping token has cancelled it) before the node closes.</summary>
    private async Task StopCollectingAsync()
    {
        try
        {
            await _collection.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped half-way: what was removed stays removed
        }
    }

    [LoggerMessage(6, LogLevel.Information, "The store held {Before} bytes, above its high-water mark of {HighWater}: collected {Blocks} block(s), {After} bytes left")]
    private static partial void LogCollected(ILogger logger, long before, long highWater, long blocks, long after);

    [LoggerMessage(7, LogLevel.Warning, "The high-water garbage collection failed after {Blocks} block(s); it is tried again next heartbeat")]
    private static partial void LogCollectFailed(ILogger logger, long blocks, Exception exception);
}
