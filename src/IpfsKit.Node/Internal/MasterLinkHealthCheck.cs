using IpfsKit.Roles;
using IpfsKit.Roles.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpfsKit.Node.Internal;

/// <summary>
/// The "master link" component: the master is its own link (healthy); a worker or leecher is healthy while its master
/// answers and degraded (still serving, queuing or holding its data) while it does not.
/// </summary>
internal sealed class MasterLinkHealthCheck(NodeSettings settings, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (settings.Role == NodeRole.Master)
        {
            return Task.FromResult(HealthCheckResult.Healthy("this node is the master"));
        }

        var link = services.GetRequiredService<MasterLinkState>().Current;
        var data = new Dictionary<string, object> { ["master"] = settings.MasterNode?.ToString() ?? "" };
        if (link.LastContact is { } contact)
        {
            data["lastContact"] = contact.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        return Task.FromResult(link.Reachable
            ? HealthCheckResult.Healthy("the master answers", data)
            : HealthCheckResult.Degraded($"the master is unreachable: {link.LastError ?? "not contacted yet"}", data: data));
    }
}
