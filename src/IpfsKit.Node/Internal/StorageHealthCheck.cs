using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpfsKit.Node.Internal;

/// <summary>Healthy when the storage folder exists and accepts a write.</summary>
/// <remarks>
/// The description says "IPFS_PATH", not the folder's path: /health is open without a token, and the operator knows
/// IPFS_PATH (<see cref="HealthResponseWriter"/> also hides it inside error messages).
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
            return HealthCheckResult.Unhealthy($"IPFS_PATH is not writable: {e.Message}", e);
        }
    }
}
