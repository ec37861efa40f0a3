using IpfsKit.Roles.Master;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpfsKit.Node.Internal;

/// <summary>
/// The "cluster" component, on a master: degraded while any pin of its pinset is under-replicated (fewer live
/// replicas than it wants) or waits for members it cannot be placed on; healthy otherwise, and on other roles.
/// </summary>
internal sealed class ClusterHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<MasterNode>() is not { } master)
        {
            return HealthCheckResult.Healthy("this node is not a master");
        }

        var pins = await master.ListPinsAsync(cancellationToken).ConfigureAwait(false);
        var under = pins.Where(p => p.UnderReplicated).ToList();
        var data = new Dictionary<string, object> { ["pins"] = pins.Count, ["underReplicated"] = under.Count };
        return under.Count > 0
            ? HealthCheckResult.Degraded($"{under.Count} pin(s) under-replicated, first {under[0].Cid}: {under[0].Replication}", data: data)
            : HealthCheckResult.Healthy($"{pins.Count} pin(s), none under-replicated", data);
    }
}
