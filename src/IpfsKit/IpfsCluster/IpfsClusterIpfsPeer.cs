using System.Text.Json.Serialization;

namespace IpfsKit.IpfsCluster;

/// <summary>
/// The IPFS daemon behind a cluster peer. JSON shape: <c>IPFSID</c> in ipfs-cluster <c>api/types.go</c>
/// (<c>{"id","addresses","error"}</c>).
/// </summary>
public sealed record IpfsClusterIpfsPeer
{
    /// <summary>Gets the daemon's peer ID (empty when it could not be asked).</summary>
    [JsonPropertyName("id")]
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the daemon's swarm multiaddresses.</summary>
    [JsonPropertyName("addresses")]
    public IReadOnlyList<string> Addresses { get; init => field = value ?? []; } = [];

    /// <summary>Gets the error met asking the daemon, or an empty string.</summary>
    [JsonPropertyName("error")]
    public string Error { get; init => field = value ?? string.Empty; } = string.Empty;
}
