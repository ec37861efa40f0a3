using System.Text.Json.Serialization;

namespace IpfsKit.Sharding;

/// <summary>Options of the sharding planner.</summary>
public sealed record ShardingOptions
{
    /// <summary>Gets the link count above which a DAG is sharded; at or below it, it is pinned whole on <see cref="Replication"/> targets.</summary>
    /// <value>The default value is 8,000.</value>
    public int LinkThreshold { get; init; } = 8_000;

    /// <summary>Gets how many targets hold every leaf.</summary>
    /// <value>The default value is 1.</value>
    public int Replication { get; init; } = 1;

    /// <summary>Gets the smallest range (in DAG bytes) a cluster splits off for one child; smaller shares go to fewer children.</summary>
    /// <value>The default value is 64 MiB.</value>
    public long MinRangeBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Gets how clusters weigh and order their children; not serialized.</summary>
    /// <value>The default value is <see langword="null"/>, meaning <see cref="BalancedAllocation.Instance"/>.</value>
    [JsonIgnore]
    public IAllocationStrategy? Allocation { get; init; }
}
