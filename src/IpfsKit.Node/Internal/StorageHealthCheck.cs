using System.Globalization;
using IpfsKit.Storage;
using IpfsKit.Transports;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Healthy when the storage is open (or opening) and its folder exists; Degraded when pinned blocks leave less than
/// <see cref="MinimumRoom"/> of the store of record's budget for anything else. It writes nothing: /health is the
/// liveness probe, and a full disk must not restart the node (it still serves reads).
/// </summary>
/// <remarks>
/// The description says "IPFS_PATH", not the folder's path: /health is open without a token, and the operator knows
/// IPFS_PATH (<see cref="HealthResponseWriter"/> also hides it inside error messages).
/// </remarks>
internal sealed class StorageHealthCheck(NodeSettings settings, IIpfsKit ipfs, IOptions<IpfsKitOptions> options, Readiness readiness) : IHealthCheck
{
    /// <summary>
    /// The least useful room: 2 MiB (the largest block a put accepts, so below it some writes must fail) or 5 % of the
    /// budget (an add needs its whole DAG stored before it is pinned, and the unpinned blocks reads bring in need room
    /// to be cached), whichever is larger.
    /// </summary>
    public static long MinimumRoom(long capacity) => Math.Max(2L * 1024 * 1024, capacity / 20);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (readiness.Error is { } error)
        {
            return HealthCheckResult.Unhealthy($"the storage failed to open: {error}");
        }

        if (!Directory.Exists(settings.DataPath))
        {
            return HealthCheckResult.Unhealthy("IPFS_PATH is gone (the volume was unmounted or the folder deleted)");
        }

        return await PinnedFullAsync(cancellationToken).ConfigureAwait(false)
            ?? HealthCheckResult.Healthy(readiness.IsOpen ? "IPFS_PATH is open" : "IPFS_PATH is opening");
    }

    private async Task<HealthCheckResult?> PinnedFullAsync(CancellationToken cancellationToken)
    {
        if (!readiness.IsOpen
            || options.Value.Transport != TransportKind.Embedded // a remote node's store of record is not here
            || await ipfs.GetBlockStoreAsync(cancellationToken).ConfigureAwait(false) is not { } blocks
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
