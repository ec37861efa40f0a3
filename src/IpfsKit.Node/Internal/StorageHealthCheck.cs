using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpfsKit.Node.Internal;

/// <summary>Healthy when the storage folder exists and accepts a write.</summary>
/// <remarks>
/// /health is open without a token, so the description never carries the folder's path (the operator knows
/// IPFS_PATH; a caller who does not should not learn the layout of the machine): it says "IPFS_PATH" instead,
/// also inside the reason of a failure.
/// </remarks>
internal sealed class StorageHealthCheck(NodeSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            Directory.CreateDirectory(settings.DataPath);
            var probe = Path.Combine(settings.DataPath, ".health-probe");
            await File.WriteAllBytesAsync(probe, [1], cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return HealthCheckResult.Healthy("IPFS_PATH is writable");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e.Message.Replace(settings.DataPath, "$IPFS_PATH", StringComparison.Ordinal);
            return HealthCheckResult.Unhealthy($"IPFS_PATH is not writable: {reason}", e);
        }
    }
}
