using System.Text.Json.Serialization;

namespace IpfsKit.Roles.Coordination;

/// <summary>What a member of a master is.</summary>
public enum MemberKind
{
    /// <summary>A worker: it pins what it is given on its own store.</summary>
    Worker,

    /// <summary>
    /// The master of a sub-cluster: it plans what it is given over its own members, and its capacity and free bytes are
    /// their sums (composite clusters, docs/sharding.md).
    /// </summary>
    Master,

    /// <summary>
    /// A stock Kubo daemon (<see cref="RolesOptions.KuboWorkers"/>): the master polls it and joins and beats on its behalf;
    /// placed on like a worker.
    /// </summary>
    Kubo,

    /// <summary>
    /// An IPFS Cluster (<see cref="RolesOptions.ClusterMembers"/>): the master polls its REST API and joins and beats on
    /// its behalf; its room is the sum of its peers' free space, and it replicates what it is given over its own peers.
    /// On the wire (JSON) and in the metric label <c>kind</c> it is <c>Cluster</c> / <c>cluster</c>, as before the
    /// member was renamed.
    /// </summary>
    [JsonStringEnumMemberName("Cluster")]
    IpfsCluster,
}
