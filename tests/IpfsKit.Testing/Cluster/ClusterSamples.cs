namespace IpfsKit.Testing.Cluster;

/// <summary>
/// JSON answers of the IPFS Cluster REST API. Field names and nesting are those of ipfs-cluster v1.1.6
/// <c>api/types.go</c> (ID, IPFSID, Pin + PinOptions, GlobalPinInfo, PinInfoShort, Version, Error) and <c>api/add.go</c>
/// (AddedOutput); status strings are <c>trackerStatusString</c> there; values are made up. Streams are NDJSON as
/// <c>StreamResponse</c> in <c>api/common/api.go</c> writes them (one <c>json.Encoder.Encode</c> per item).
/// </summary>
public static class ClusterSamples
{
    public const string CidText = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";
    public const string CidV1 = "bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby";
    public const string Peer1 = "12D3KooWJ8iHHiRL5GPHmfxd6Nj2sFs7NAoaAAQRN3uZ4bk9iDbB";
    public const string Peer2 = "12D3KooWKhD8ZPNVx4AnoRMRrS1jU8eW2oRgCCsGTnqvjBYr9Ycy";

    // api/types.go: type ID struct (IPFS is IPFSID).
    public const string Id = $$"""
        {"id":"{{Peer1}}","addresses":["/ip4/127.0.0.1/tcp/9096/p2p/{{Peer1}}"],"cluster_peers":["{{Peer1}}","{{Peer2}}"],
         "cluster_peers_addresses":["/ip4/10.0.0.2/tcp/9096/p2p/{{Peer2}}"],"version":"1.1.6","commit":"2182e887",
         "rpc_protocol_version":"/ipfscluster/1.0/rpc","error":"","ipfs":{"id":"12D3KooWQmv1Ehb2Nc2aNbWcZ4oQ3p9yhYhxgBHmCbnaoHPWcpnx",
         "addresses":["/ip4/127.0.0.1/tcp/4001"],"error":""},"peername":"cluster-0"}
        """;

    // /peers of a peer that could not be asked: Go marshals nil slices as null.
    public const string PeerWithError = $$"""{"id":"{{Peer2}}","addresses":null,"cluster_peers":null,"cluster_peers_addresses":null,"version":"","commit":"","rpc_protocol_version":"","error":"context deadline exceeded","ipfs":{"addresses":null,"error":""},"peername":""}""";

    // api/types.go: type Pin struct { PinOptions (flattened); cid, type, allocations, max_depth, reference, timestamp }.
    public const string Pin = $$"""
        {"replication_factor_min":2,"replication_factor_max":3,"name":"backup","mode":"recursive","shard_size":104857600,
         "user_allocations":["{{Peer2}}"],"expire_at":"2026-12-01T10:00:00Z","metadata":{"owner":"ops"},"pin_update":null,
         "origins":[],"cid":"{{CidText}}","type":"pin","allocations":["{{Peer1}}","{{Peer2}}"],"max_depth":-1,"reference":null,
         "timestamp":"2026-11-25T09:00:00.123456789Z"}
        """;

    // api/types.go: type GlobalPinInfo struct, peer_map values PinInfoShort.
    public const string Status = $$"""
        {"cid":"{{CidText}}","name":"backup","allocations":["{{Peer1}}","{{Peer2}}"],"origins":[],"created":"2026-11-25T09:00:00Z",
         "metadata":null,"peer_map":{
           "{{Peer1}}":{"peername":"cluster-0","ipfs_peer_id":"12D3KooWQmv1Ehb2Nc2aNbWcZ4oQ3p9yhYhxgBHmCbnaoHPWcpnx","ipfs_peer_addresses":["/ip4/127.0.0.1/tcp/4001"],"status":"pinned","timestamp":"2026-11-25T09:00:01Z","error":"","attempt_count":0,"priority_pin":false},
           "{{Peer2}}":{"peername":"cluster-1","status":"pin_error","timestamp":"2026-11-25T09:00:02Z","error":"context canceled","attempt_count":3,"priority_pin":true} } }
        """;

    // api/types.go: type Metric struct; GET /monitor/metrics/freespace answers one JSON array (SendResponse), one a peer.
    public const string FreeSpaceMetrics = $$"""
        [{"name":"freespace","peer":"{{Peer1}}","value":"6000000000","expire":1764928800000000000,"valid":true,"weight":0,"partitionable":false,"received_at":1764928770000000000},
         {"name":"freespace","peer":"{{Peer2}}","value":"4000000000","expire":1764928800000000000,"valid":true,"weight":0,"partitionable":false,"received_at":1764928770000000000}]
        """;

    // api/add.go: type AddedOutput struct.
    public const string AddedLeaf = $$"""{"name":"a.bin","cid":"{{CidV1}}","size":262158}""";

    public const string AddedRoot = $$"""{"name":"a.bin","cid":"{{CidV1}}","size":300114,"allocations":["{{Peer1}}"]}""";

    // api/types.go: type Error struct, as SendResponse writes it.
    public const string NotFound = """{"code":404,"message":"cid not found in the global state"}""";
}
