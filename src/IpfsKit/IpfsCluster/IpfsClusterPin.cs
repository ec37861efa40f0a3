using System.Text.Json.Serialization;
using IpfsKit.Content;

namespace IpfsKit.IpfsCluster;

/// <summary>
/// A pin in the cluster's shared state (its allocation), as <c>GET /allocations</c>, <c>POST /pins/{cid}</c> and
/// <c>DELETE /pins/{cid}</c> answer. JSON shape: <c>Pin</c> with its embedded <c>PinOptions</c> flattened, in ipfs-cluster
/// <c>api/types.go</c>. JSON <c>null</c> lists and maps read as empty.
/// </summary>
public sealed record IpfsClusterPin
{
    /// <summary>Gets the pinned CID.</summary>
    [JsonPropertyName("cid")]
    public Cid Cid { get; init; }

    /// <summary>Gets the kind of pin: <c>pin</c>, <c>meta-pin</c>, <c>clusterdag-pin</c> or <c>shard-pin</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the cluster peers the pin is allocated to (empty: every peer).</summary>
    [JsonPropertyName("allocations")]
    public IReadOnlyList<string> Allocations { get; init => field = value ?? []; } = [];

    /// <summary>Gets the pin depth: -1 recursive, 0 direct.</summary>
    [JsonPropertyName("max_depth")]
    public int MaxDepth { get; init; }

    /// <summary>Gets the related CID of a sharded DAG's pins, if any.</summary>
    [JsonPropertyName("reference")]
    public Cid? Reference { get; init; }

    /// <summary>Gets when the pin was submitted.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the least number of peers that must pin it (-1: every peer, 0: the cluster's default).</summary>
    [JsonPropertyName("replication_factor_min")]
    public int ReplicationMin { get; init; }

    /// <summary>Gets the most number of peers that should pin it (-1: every peer, 0: the cluster's default).</summary>
    [JsonPropertyName("replication_factor_max")]
    public int ReplicationMax { get; init; }

    /// <summary>Gets the pin's name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the pin mode: <c>recursive</c> or <c>direct</c>.</summary>
    [JsonPropertyName("mode")]
    public string Mode { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the shard size of a sharded add, in bytes.</summary>
    [JsonPropertyName("shard_size")]
    public ulong ShardSize { get; init; }

    /// <summary>Gets the peers the user asked to allocate to first.</summary>
    [JsonPropertyName("user_allocations")]
    public IReadOnlyList<string> UserAllocations { get; init => field = value ?? []; } = [];

    /// <summary>Gets when the pin expires (Go's zero time, year 1, when it does not).</summary>
    [JsonPropertyName("expire_at")]
    public DateTimeOffset ExpireAt { get; init; }

    /// <summary>Gets the user metadata.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();

    /// <summary>Gets the multiaddresses of peers that hold the content, as hints for the IPFS daemons.</summary>
    [JsonPropertyName("origins")]
    public IReadOnlyList<string> Origins { get; init => field = value ?? []; } = [];
}
