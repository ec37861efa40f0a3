using System.Text.Json.Serialization;

namespace IpfsKit.IpfsCluster;

/// <summary>
/// A cluster peer, as <c>GET /id</c> and <c>GET /peers</c> describe it. JSON shape: <c>ID</c> in ipfs-cluster
/// <c>api/types.go</c> (<c>{"id","addresses","cluster_peers","cluster_peers_addresses","version","commit",
/// "rpc_protocol_version","error","ipfs","peername"}</c>). JSON <c>null</c> lists read as empty.
/// </summary>
public sealed record IpfsClusterPeer
{
    /// <summary>Gets the cluster peer ID.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the peer's cluster swarm multiaddresses.</summary>
    [JsonPropertyName("addresses")]
    public IReadOnlyList<string> Addresses { get; init => field = value ?? []; } = [];

    /// <summary>Gets the IDs of the cluster peers this peer knows.</summary>
    [JsonPropertyName("cluster_peers")]
    public IReadOnlyList<string> ClusterPeers { get; init => field = value ?? []; } = [];

    /// <summary>Gets the multiaddresses of those peers.</summary>
    [JsonPropertyName("cluster_peers_addresses")]
    public IReadOnlyList<string> ClusterPeersAddresses { get; init => field = value ?? []; } = [];

    /// <summary>Gets the IPFS Cluster version the peer runs.</summary>
    [JsonPropertyName("version")]
    public string Version { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the source commit of that version.</summary>
    [JsonPropertyName("commit")]
    public string Commit { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the cluster RPC protocol, for example <c>/ipfscluster/1.0/rpc</c>.</summary>
    [JsonPropertyName("rpc_protocol_version")]
    public string RpcProtocolVersion { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the error met asking this peer (in <c>/peers</c>), or an empty string.</summary>
    [JsonPropertyName("error")]
    public string Error { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the IPFS daemon behind the peer.</summary>
    [JsonPropertyName("ipfs")]
    public IpfsClusterIpfsPeer Ipfs { get; init => field = value ?? new(); } = new();

    /// <summary>Gets the peer's human-readable name.</summary>
    [JsonPropertyName("peername")]
    public string PeerName { get; init => field = value ?? string.Empty; } = string.Empty;
}
