using IpfsKit.Roles;
using IpfsKit.Roles.Leecher;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpfsKit.Node.Internal;

/// <summary>
/// The "master link" component: the master is its own link (healthy); a worker or leecher is healthy while its master
/// answers and degraded (still serving, queuing or holding its data) while it does not. A leecher is also degraded while
/// its outbox holds operations the master refused for good (parked: they wait for an operator's retry).
/// </summary>
internal sealed class MasterLinkHealthCheck(NodeSettings settings, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (settings.Role == NodeRole.Master)
        {
            return HealthCheckResult.Healthy("this node is the master");
        }

        var link = services.GetRequiredService<IMasterLinkMonitor>().Current;
        var data = new Dictionary<string, object> { ["master"] = settings.MasterNode?.ToString() ?? "" };
        if (link.LastContact is { } contact)
        {
            data["lastContact"] = contact.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!link.Reachable)
        {
            return HealthCheckResult.Degraded($"the master is unreachable: {link.LastError ?? "not contacted yet"}", data: data);
        }

        if (link.DrainError is { } stuck)
        {
            return HealthCheckResult.Degraded($"the master answers, but the outbox is stuck on an operation it failed: {stuck}", data: data);
        }

        if (services.GetService<ILeecherOutbox>() is { } outbox)
        {
            var parked = await outbox.CountParkedAsync(cancellationToken).ConfigureAwait(false);
            data["parked"] = parked;
            if (parked > 0)
            {
                return HealthCheckResult.Degraded($"the master answers, but refused {parked} queued operations for good: see ipfs-kit outbox ls", data: data);
            }
        }

        return HealthCheckResult.Healthy("the master answers", data);
    }
}
