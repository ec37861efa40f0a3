using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The topology the master plans over: a cluster <c>workers</c> of one target per alive worker (capacity and free
/// bytes from its heartbeats); when any worker has a zone, one sub-cluster per zone (<c>default</c> for workers without
/// one), and target ids are then <c>zone/workerId</c>.
/// </summary>
internal static class WorkerTopology
{
    public const string RootName = "workers";
    private const string NoZone = "default";

    public static (ClusterNode Topology, Dictionary<string, WorkerInfo> ByTarget) Build(IReadOnlyList<WorkerInfo> alive)
    {
        ArgumentNullException.ThrowIfNull(alive);
        var zoned = alive.Any(w => w.Zone is not null);
        var byTarget = alive.ToDictionary(w => zoned ? $"{w.Zone ?? NoZone}/{w.WorkerId}" : w.WorkerId, StringComparer.Ordinal);
        IReadOnlyList<TopologyNode> children = zoned
            ? [.. alive.GroupBy(w => w.Zone ?? NoZone, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ClusterNode(g.Key, [.. g.Select(Target)]))]
            : [.. alive.Select(Target)];
        return (new ClusterNode(RootName, children), byTarget);
    }

    /// <summary>Adds a target that is gone (its id a path as in the plan) as unhealthy, so a repair can find it.</summary>
    public static ClusterNode WithGone(ClusterNode topology, string targetId)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var slash = targetId.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return topology with { Children = [.. topology.Children, new TargetNode(targetId, 0, 0, Healthy: false)] };
        }

        var zone = targetId[..slash];
        var gone = new TargetNode(targetId[(slash + 1)..], 0, 0, Healthy: false);
        return topology.Children.Any(c => c is ClusterNode && c.Name == zone)
            ? topology with { Children = [.. topology.Children.Select(c => c is ClusterNode z && z.Name == zone ? z with { Children = [.. z.Children, gone] } : c)] }
            : topology with { Children = [.. topology.Children, new ClusterNode(zone, [gone])] };
    }

    private static TargetNode Target(WorkerInfo worker) => new(worker.WorkerId, worker.CapacityBytes, worker.FreeBytes);
}
