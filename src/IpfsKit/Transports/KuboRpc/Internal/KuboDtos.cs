using System.Text.Json.Serialization;

namespace IpfsKit.Transports.KuboRpc.Internal;

// The JSON shapes of the Kubo RPC API (also served by js-ipfs). Numbers may come as strings (js-ipfs repo/stat, Kubo
// add Size): the serializer context reads both.

/// <summary>Kubo's error object, as a whole body or as a line of a stream: <c>{"Message","Code","Type"}</c>.</summary>
internal sealed record KuboError(string? Message, long? Code, string? Type);

/// <summary>One NDJSON line of <c>add</c>: progress (<c>Bytes</c>), a result (<c>Hash</c>) or an error.</summary>
internal sealed record KuboAddLine(string? Name, string? Hash, ulong? Size, long? Bytes, string? Message, string? Type);

/// <summary>The answer of <c>ls</c>.</summary>
internal sealed record KuboLsResponse(IReadOnlyList<KuboLsObject>? Objects);

/// <summary>One listed object of <c>ls</c>.</summary>
internal sealed record KuboLsObject(string? Hash, IReadOnlyList<KuboLsLink>? Links);

/// <summary>One link of <c>ls</c>; <c>Type</c> 1 is a directory, 2 a file.</summary>
internal sealed record KuboLsLink(string? Name, string Hash, ulong? Size, int? Type);

/// <summary>The answer of <c>block/put</c> and <c>block/stat</c>.</summary>
internal sealed record KuboBlockKey(string Key, long Size);

/// <summary>The answer of <c>pin/ls</c>: Kubo and js-ipfs send a <c>Keys</c> map; a streamed line is <c>{Cid, Type}</c>.</summary>
internal sealed record KuboPinLsLine(IReadOnlyDictionary<string, KuboPinType>? Keys, string? Cid, string? Type);

/// <summary>A pin's type in <c>pin/ls</c>.</summary>
internal sealed record KuboPinType(string Type);

/// <summary>One message of <c>pubsub/sub</c>; <c>data</c> and topics are multibase.</summary>
internal sealed record KuboPubSubMessage(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("data")] string? Data,
    [property: JsonPropertyName("topicIDs")] IReadOnlyList<string>? TopicIds);

/// <summary>The answer of <c>id</c>.</summary>
internal sealed record KuboId([property: JsonPropertyName("ID")] string Id, IReadOnlyList<string>? Addresses, string? AgentVersion);

/// <summary>The answer of <c>repo/stat</c>.</summary>
internal sealed record KuboRepoStat(long RepoSize, long StorageMax, long NumObjects);

/// <summary>One line of <c>repo/gc</c>: a removed block (<c>{"Key":{"/":cid}}</c>) or an error (<c>{"Error":…}</c>).</summary>
internal sealed record KuboGcLine(KuboLink? Key, string? Error);

/// <summary>An IPLD link in JSON: <c>{"/": cid}</c>.</summary>
internal sealed record KuboLink([property: JsonPropertyName("/")] string? Link);

/// <summary>A <c>{"Strings": [...]}</c> answer (<c>swarm/connect</c>, <c>swarm/addrs/local</c>).</summary>
internal sealed record KuboStrings(IReadOnlyList<string>? Strings);

/// <summary>The answer of <c>swarm/peers</c>; Kubo sends <c>null</c> when there are none.</summary>
internal sealed record KuboSwarmPeers(IReadOnlyList<KuboSwarmPeer>? Peers);

/// <summary>One connected peer of <c>swarm/peers</c>.</summary>
internal sealed record KuboSwarmPeer(string Peer, string Addr);
