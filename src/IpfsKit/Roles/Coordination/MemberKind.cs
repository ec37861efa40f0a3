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
}
