using IpfsKit.Transports;

namespace IpfsKit.IpfsCluster;

/// <summary>
/// How to pin through IPFS Cluster: sent as the query of <c>POST /pins/{cid}</c> (<c>name</c>, <c>mode</c>,
/// <c>replication-min</c>, <c>replication-max</c>, <c>user-allocations</c>, <c>expire-in</c>, <c>meta-&lt;key&gt;</c>, as
/// <c>PinOptions.FromQuery</c> in ipfs-cluster <c>api/types.go</c> reads them). Unset values are not sent: the cluster's defaults apply.
/// </summary>
public sealed record IpfsClusterPinOptions
{
    /// <summary>Gets the pin's name.</summary>
    /// <value>The default value is <see langword="null"/>: no name.</value>
    public string? Name { get; init; }

    /// <summary>Gets the pin mode: <see cref="PinMode.Recursive"/> or <see cref="PinMode.Direct"/>.</summary>
    /// <value>The default value is <see cref="PinMode.Recursive"/>.</value>
    public PinMode Mode { get; init; } = PinMode.Recursive;

    /// <summary>Gets the least number of peers that must pin it (-1: every peer).</summary>
    /// <value>The default value is <see langword="null"/>: the cluster's <c>replication_factor_min</c>.</value>
    public int? ReplicationMin { get; init; }

    /// <summary>Gets the most number of peers that should pin it (-1: every peer).</summary>
    /// <value>The default value is <see langword="null"/>: the cluster's <c>replication_factor_max</c>.</value>
    public int? ReplicationMax { get; init; }

    /// <summary>Gets the cluster peer IDs to allocate to first.</summary>
    /// <value>The default value is <see langword="null"/>: the cluster's allocator chooses.</value>
    public IReadOnlyList<string>? UserAllocations { get; init; }

    /// <summary>Gets how long until the pin expires (at least one second).</summary>
    /// <value>The default value is <see langword="null"/>: never.</value>
    public TimeSpan? ExpireIn { get; init; }

    /// <summary>Gets the user metadata, sent as <c>meta-&lt;key&gt;=&lt;value&gt;</c>.</summary>
    /// <value>The default value is <see langword="null"/>: none.</value>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
