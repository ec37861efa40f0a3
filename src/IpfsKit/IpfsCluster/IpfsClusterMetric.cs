using System.Text.Json.Serialization;

namespace IpfsKit.IpfsCluster;

/// <summary>
/// A peer's last metric, as <c>GET /monitor/metrics/{name}</c> lists them (<c>Metric</c> in ipfs-cluster
/// <c>api/types.go</c>: <c>{"name","peer","value","expire","valid","weight","partitionable","received_at"}</c>). The
/// <c>freespace</c> metric's value is the peer's free repository bytes, as a decimal string.
/// </summary>
public sealed record IpfsClusterMetric
{
    /// <summary>Gets the metric's name, for example <c>freespace</c>.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the cluster peer that reported it.</summary>
    [JsonPropertyName("peer")]
    public string Peer { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the value, as the peer wrote it (a decimal string for <c>freespace</c>).</summary>
    [JsonPropertyName("value")]
    public string Value { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets when the metric expires (Unix nanoseconds).</summary>
    [JsonPropertyName("expire")]
    public long Expire { get; init; }

    /// <summary>Gets whether the metric is valid (set and not expired when it was sent).</summary>
    [JsonPropertyName("valid")]
    public bool Valid { get; init; }

    /// <summary>Gets the metric's weight for the allocator.</summary>
    [JsonPropertyName("weight")]
    public long Weight { get; init; }

    /// <summary>Gets whether the allocator may partition peers by this metric.</summary>
    [JsonPropertyName("partitionable")]
    public bool Partitionable { get; init; }

    /// <summary>Gets when the metric was received (Unix nanoseconds).</summary>
    [JsonPropertyName("received_at")]
    public long ReceivedAt { get; init; }
}
