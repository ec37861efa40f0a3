using System.Text.Json.Serialization;
using IpfsKit.Content;

namespace IpfsKit.IpfsCluster;

/// <summary>
/// A CID's state across the cluster, per peer, as <c>GET /pins</c>, <c>GET /pins/{cid}</c> and
/// <c>POST /pins/{cid}/recover</c> answer. JSON shape: <c>GlobalPinInfo</c> in ipfs-cluster <c>api/types.go</c>
/// (<c>{"cid","name","allocations","origins","created","metadata","peer_map"}</c>).
/// </summary>
public sealed record IpfsClusterPinStatus
{
    /// <summary>Gets the CID.</summary>
    [JsonPropertyName("cid")]
    public Cid Cid { get; init; }

    /// <summary>Gets the pin's name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the peers the pin is allocated to (empty: every peer).</summary>
    [JsonPropertyName("allocations")]
    public IReadOnlyList<string> Allocations { get; init => field = value ?? []; } = [];

    /// <summary>Gets the origin multiaddresses given with the pin.</summary>
    [JsonPropertyName("origins")]
    public IReadOnlyList<string> Origins { get; init => field = value ?? []; } = [];

    /// <summary>Gets when the pin was created.</summary>
    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; init; }

    /// <summary>Gets the user metadata.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();

    /// <summary>Gets the state on each cluster peer, by cluster peer ID.</summary>
    [JsonPropertyName("peer_map")]
    public IReadOnlyDictionary<string, IpfsClusterPeerPinStatus> PeerMap { get; init => field = value ?? new Dictionary<string, IpfsClusterPeerPinStatus>(); } = new Dictionary<string, IpfsClusterPeerPinStatus>();
}
