using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// A pin's policy over the alive members: which are eligible (all its required tags), how many replicas it wants
/// (its bounds, -1 = every eligible member, else the cluster's replication), and its first plan, over the members with
/// its preferred tags first. Ineligible members stay in the topology as unhealthy, so target ids do not change.
/// </summary>
internal static class PinPlacement
{
    /// <summary>The alive members a pin may be placed on.</summary>
    public static List<WorkerInfo> Eligible(PinOptions? policy, IEnumerable<WorkerInfo> alive) =>
        [.. alive.Where(w => MemberTags.HasAll(w.Tags, policy?.RequiredTags))];

    /// <summary>Why a pin cannot be placed on any alive member, or null when some member is eligible.</summary>
    public static string? Waiting(PinOptions? policy, IReadOnlyList<WorkerInfo> alive) =>
        alive.Count > 0 && Eligible(policy, alive).Count == 0
            ? $"waiting for a member with tags {string.Join(", ", policy!.RequiredTags!)}: no alive member has them all"
            : null;

    /// <summary>The replicas a pin must have (min) and aims for (max), -1 resolved to the eligible members (at least 1).</summary>
    public static (int Min, int Max) Wanted(PinOptions? policy, int replication, int eligible)
    {
        var (min, max) = (policy ?? new PinOptions()).GetReplicationBounds(replication);
        return (min == -1 ? Math.Max(1, eligible) : min, max == -1 ? Math.Max(1, eligible) : max);
    }

    /// <summary>The topology with the members the pin may not use marked unhealthy.</summary>
    public static ClusterNode Restrict(ClusterNode topology, IReadOnlyDictionary<string, WorkerInfo> byTarget, Func<WorkerInfo, bool> allowed, string? prefix = null)
    {
        IReadOnlyList<TopologyNode> children = [.. topology.Children.Select(c =>
        {
            var id = prefix is null ? c.Name : prefix + "/" + c.Name;
            return c switch
            {
                ClusterNode cluster => Restrict(cluster, byTarget, allowed, id),
                TargetNode target when byTarget.TryGetValue(id, out var worker) && !allowed(worker) => target with { Healthy = false },
                _ => c,
            };
        })];
        return topology with { Children = children };
    }

    /// <summary>Plans a pin: over the members with its preferred tags when they can take every replica, else over every eligible member.</summary>
    /// <exception cref="IpfsKitCapacityException">The eligible members cannot hold it.</exception>
    public static ShardPlan Plan(
        PinOptions? policy, DagOutline outline, ClusterNode topology, IReadOnlyDictionary<string, WorkerInfo> byTarget, RolesOptions options)
    {
        var eligible = Eligible(policy, byTarget.Values);
        var (_, max) = Wanted(policy, options.Replication, eligible.Count);
        var eligibleTopology = Restrict(topology, byTarget, w => MemberTags.HasAll(w.Tags, policy?.RequiredTags));
        var sharding = options.ToShardingOptions();
        if (policy?.PreferredTags is { Count: > 0 } preferred)
        {
            var first = eligible.Count(w => MemberTags.HasAll(w.Tags, preferred));
            if (first >= Math.Min(max, eligible.Count))
            {
                try
                {
                    var preferredTopology = Restrict(eligibleTopology, byTarget, w => MemberTags.HasAll(w.Tags, preferred));
                    return ShardPlanner.Plan(outline, preferredTopology, sharding with { Replication = Math.Clamp(max, 1, Math.Max(1, first)) });
                }
                catch (IpfsKitCapacityException)
                {
                    // the preferred members have not the room: every eligible member
                }
            }
        }

        return ShardPlanner.Plan(outline, eligibleTopology, sharding with { Replication = Math.Clamp(max, 1, Math.Max(1, eligible.Count)) });
    }
}
