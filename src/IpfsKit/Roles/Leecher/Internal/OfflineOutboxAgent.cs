using IpfsKit.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>
/// Replays a remote transport's offline outbox in the background (<c>WithOfflineOutbox</c>): as soon as something is
/// queued while the node answers, and every <see cref="OfflineOutboxOptions.RetryInterval"/> while it does not. Writes
/// also replay what waits before them, so a program that writes again does not wait for this agent.
/// </summary>
internal sealed partial class OfflineOutboxAgent(OfflineOutboxLink link, LeecherOutbox outbox, TimeProvider time, ILogger<OfflineOutboxAgent> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = outbox.Options.RetryInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await link.TryReplayAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (IpfsKitException ex)
            {
                // The outbox or the cache failed (disk full, …): tried again at the next interval.
                LogReplayFailed(logger, ex.Message);
            }

            if (link.IsOnline)
            {
                await outbox.WaitQueuedAsync(interval, time, stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(3506, LogLevel.Error, "The offline outbox could not be replayed: {Error}")]
    private static partial void LogReplayFailed(ILogger logger, string error);
}
