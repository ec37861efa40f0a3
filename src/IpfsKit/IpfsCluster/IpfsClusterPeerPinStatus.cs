using System.Text.Json.Serialization;

namespace IpfsKit.IpfsCluster;

/// <summary>
/// A CID's state on one cluster peer: an entry of <see cref="IpfsClusterPinStatus.PeerMap"/>. JSON shape: <c>PinInfoShort</c>
/// in ipfs-cluster <c>api/types.go</c> (<c>{"peername","ipfs_peer_id","ipfs_peer_addresses","status","timestamp","error",
/// "attempt_count","priority_pin"}</c>).
/// </summary>
public sealed record IpfsClusterPeerPinStatus
{
    /// <summary>Gets the cluster peer's name.</summary>
    [JsonPropertyName("peername")]
    public string PeerName { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the peer ID of its IPFS daemon.</summary>
    [JsonPropertyName("ipfs_peer_id")]
    public string IpfsPeerId { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the swarm addresses of its IPFS daemon.</summary>
    [JsonPropertyName("ipfs_peer_addresses")]
    public IReadOnlyList<string> IpfsPeerAddresses { get; init => field = value ?? []; } = [];

    /// <summary>Gets the state (one flag), <see cref="IpfsClusterTrackerStatus.Undefined"/> for a name this client does not know.</summary>
    [JsonPropertyName("status")]
    public IpfsClusterTrackerStatus Status { get; init; }

    /// <summary>Gets when the state was last updated.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the error of an error state, or an empty string.</summary>
    [JsonPropertyName("error")]
    public string Error { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets how many times pinning was tried.</summary>
    [JsonPropertyName("attempt_count")]
    public int AttemptCount { get; init; }

    /// <summary>Gets whether the pin jumped the queue.</summary>
    [JsonPropertyName("priority_pin")]
    public bool PriorityPin { get; init; }
}
