namespace IpfsKit.IpfsCluster;

/// <summary>The kinds of pin IPFS Cluster keeps, for filtering allocations (ipfs-cluster <c>api/types.go</c>, <c>PinType</c>).</summary>
[Flags]
public enum IpfsClusterPinTypes
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><c>pin</c>: an ordinary pin of user data.</summary>
    Pin = 1 << 0,

    /// <summary><c>meta-pin</c>: the root of a sharded DAG.</summary>
    MetaPin = 1 << 1,

    /// <summary><c>clusterdag-pin</c>: the cluster DAG that links a sharded DAG's shards.</summary>
    ClusterDag = 1 << 2,

    /// <summary><c>shard-pin</c>: one shard.</summary>
    Shard = 1 << 3,

    /// <summary>Every kind (<c>all</c>).</summary>
    All = Pin | MetaPin | ClusterDag | Shard,
}
