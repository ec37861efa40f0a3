using System.Globalization;
using IpfsKit.Storage;
using IpfsKit.Facade.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Healthy when the storage folder exists and accepts a write; Degraded when pinned blocks leave less than
/// <see cref="MinimumRoom"/> of the store of record's budget for anything else.
/// </summary>
/// <remarks>
/// The description says "IPFS_PATH", not the folder's path: /health is open without a token, and the operator knows
/// IPFS_PATH (<see cref="HealthResponseWriter"/> also hides it inside error messages).
/// </remarks>
internal sealed class StorageHealthCheck(NodeSettings settings, TransportProvider transports, Readiness readiness) : IHealthCheck
{
    /// <summary>
    /// The least useful room: 2 MiB (the largest block a put accepts, so below it some writes must fail) or 5 % of the
    /// budget (an add needs its whole DAG stored before it is pinned, and the unpinned blocks reads bring in need room
    /// to be cached), whichever is larger.
    /// </summary>
    public static long MinimumRoom(long capacity) => Math.Max(2L * 1024 * 1024, capacity / 20);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            Directory.CreateDirectory(settings.DataPath);
            var probe = Path.Combine(settings.DataPath, ".health-probe");
            await File.WriteAllBytesAsync(probe, [1], cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            if (await PinnedFullAsync(cancellationToken).ConfigureAwait(false) is { } degraded)
            {
                return degraded;
            }

            return HealthCheckResult.Healthy("IPFS_PATH is writable");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"IPFS_PATH is not writable: {e.Message}", e);
        }
    }

    private async Task<HealthCheckResult?> PinnedFullAsync(CancellationToken cancellationToken)
    {
        if (!readiness.IsReady
            || await transports.GetAsync(cancellationToken).ConfigureAwait(false) is not { IsRemote: false, Blocks: var blocks }
            || (blocks.Disk ?? blocks.Memory) is not IBlockStoreTier store)
        {
            return null;
        }

        var (pinned, capacity) = (store.PinnedBytes, store.Capacity);
        var data = new Dictionary<string, object> { ["pinnedBytes"] = pinned, ["capacityBytes"] = capacity };
        return capacity - pinned >= MinimumRoom(capacity)
            ? null
            : HealthCheckResult.Degraded(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"pinned blocks hold {pinned} of the {store.Name} tier's {capacity} bytes: {capacity - pinned} left for anything else, under the {MinimumRoom(capacity)}-byte minimum; new content may not fit until pins are removed"),
                data: data);
    }
}
