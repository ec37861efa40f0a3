using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>Runs <see cref="MasterCoordinator.RunOnceAsync"/> every <see cref="RolesOptions.HeartbeatInterval"/> while the host runs.</summary>
internal sealed class MasterCoordinatorService(MasterCoordinator coordinator, MasterStore store, ILogger<MasterCoordinatorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(store.Options.HeartbeatInterval, store.Time);
        do
        {
            try
            {
                await coordinator.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the host failed to start or is stopping, and disposed the coordinator under this pass
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                MasterLog.PassFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
