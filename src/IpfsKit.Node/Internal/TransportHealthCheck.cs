using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpfsKit.Node.Internal;

/// <summary>Healthy when the transport is open, online and reports no error.</summary>
internal sealed class TransportHealthCheck(IIpfsKit ipfs, Readiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsOpen)
        {
            return HealthCheckResult.Unhealthy(readiness.Error ?? "transport not open yet");
        }

        var status = await ipfs.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        return status.IsOnline && status.Error is null
            ? HealthCheckResult.Healthy($"{status.Transport} online")
            : HealthCheckResult.Unhealthy(status.Error ?? $"{status.Transport} offline");
    }
}
