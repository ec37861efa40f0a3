using IpfsKit.Errors;
using IpfsKit.Transports;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// Asks members to collect their garbage (<c>repo/gc</c>) after placements were unpinned there, so their repo size
/// drops. Called only once the unpins of a pass are done, which is after any replacement placement was verified (a
/// placement is repaired away, recorded stale, and released on a later pass).
/// </summary>
internal static partial class MemberCollector
{
    /// <summary>Collects on each member; a member that fails is logged and left to its own high-water collection.</summary>
    /// <returns>The blocks removed, summed over the members.</returns>
    public static async Task<long> CollectAsync(IEnumerable<(string Name, IIpfsTransport Transport)> members, ILogger logger, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var (name, transport) in members)
        {
            if (!transport.Capabilities.HasFlag(TransportCapabilities.GarbageCollection))
            {
                continue;
            }

            var removed = 0L;
            try
            {
                await foreach (var _ in transport.CollectGarbageAsync(cancellationToken).ConfigureAwait(false))
                {
                    removed++;
                }

                LogCollected(logger, name, removed);
            }
            catch (IpfsKitException ex)
            {
                LogCollectFailed(logger, name, removed, ex);
            }

            total += removed;
        }

        return total;
    }

    [LoggerMessage(3201, LogLevel.Information, "Member {Target} collected its garbage after placements were released: {Blocks} block(s) removed")]
    private static partial void LogCollected(ILogger logger, string target, long blocks);

    [LoggerMessage(3202, LogLevel.Warning, "Member {Target} could not collect its garbage ({Blocks} block(s) removed before the failure); its own high-water collection remains")]
    private static partial void LogCollectFailed(ILogger logger, string target, long blocks, Exception exception);
}
