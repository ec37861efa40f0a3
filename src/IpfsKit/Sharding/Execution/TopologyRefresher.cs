using IpfsKit.Errors;
using IpfsKit.Transports;

namespace IpfsKit.Sharding.Execution;

/// <summary>
/// Brings a topology up to date from the targets themselves: each target's capacity and free bytes from its node's
/// repository figures (<see cref="IIpfsTransport.RepoStatAsync"/>), and its health from whether it answered. The
/// topology's shape comes from configuration (for example a JSON file read with <see cref="ShardPlanJson.DeserializeTopology"/>).
/// </summary>
public static class TopologyRefresher
{
    /// <summary>Returns the topology with every target's figures read now; a target that does not answer in time, or has no transport, is unhealthy.</summary>
    /// <param name="topology">The topology; its targets' ids are their paths below the root (<c>zone-a/peer-1</c>).</param>
    /// <param name="targets">The transport of each target id.</param>
    /// <param name="timeout">How long one target may take to answer.</param>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <returns>A new topology of the same shape.</returns>
    public static async Task<ClusterNode> RefreshAsync(
        ClusterNode topology, IReadOnlyDictionary<string, IIpfsTransport> targets, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(targets);
        return (ClusterNode)await RefreshNodeAsync(topology, prefix: null, targets, timeout, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TopologyNode> RefreshNodeAsync(
        TopologyNode node, string? prefix, IReadOnlyDictionary<string, IIpfsTransport> targets, TimeSpan timeout, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case ClusterNode cluster:
                var childPrefix = prefix is null ? string.Empty : prefix + cluster.Name + "/";
                var children = await Task.WhenAll(cluster.Children.Select(
                    child => RefreshNodeAsync(child, childPrefix, targets, timeout, cancellationToken))).ConfigureAwait(false);
                return cluster with { Children = children };
            case TargetNode target:
                var id = (prefix ?? string.Empty) + target.Name;
                return targets.TryGetValue(id, out var transport)
                    ? await ReadAsync(target, transport, timeout, cancellationToken).ConfigureAwait(false)
                    : target with { Healthy = false };
            default:
                throw new ArgumentException($"Unknown topology node type {node.GetType().Name}.", nameof(node));
        }
    }

    private static async Task<TargetNode> ReadAsync(TargetNode target, IIpfsTransport transport, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var stat = await transport.RepoStatAsync(deadline.Token).ConfigureAwait(false);
            return target with { CapacityBytes = stat.StorageMax, FreeBytes = stat.FreeBytes, Healthy = true };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return target with { Healthy = false };
        }
        catch (IpfsKitException)
        {
            return target with { Healthy = false };
        }
    }
}
