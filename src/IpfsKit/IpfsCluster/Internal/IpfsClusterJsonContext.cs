using System.Text.Json.Serialization;

namespace IpfsKit.IpfsCluster.Internal;

/// <summary>Source-generated JSON for the IPFS Cluster REST API's shapes (see each model for its origin in ipfs-cluster).</summary>
[JsonSourceGenerationOptions(
    Converters = [typeof(TrackerStatusJsonConverter)],
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(IpfsClusterPeer))]
[JsonSerializable(typeof(IpfsClusterPin))]
[JsonSerializable(typeof(IpfsClusterPinStatus))]
[JsonSerializable(typeof(IpfsClusterAddedOutput))]
[JsonSerializable(typeof(IpfsClusterMetric))]
[JsonSerializable(typeof(IpfsClusterVersionBody))]
[JsonSerializable(typeof(IpfsClusterErrorBody))]
internal sealed partial class IpfsClusterJsonContext : JsonSerializerContext
{
}

/// <summary><c>GET /version</c>: <c>{"version"}</c> (<c>Version</c> in <c>api/types.go</c>).</summary>
internal sealed record IpfsClusterVersionBody([property: JsonPropertyName("version")] string? Version);

/// <summary>An error answer: <c>{"code","message"}</c> (<c>Error</c> in <c>api/types.go</c>, written by <c>SendResponse</c> in <c>api/common/api.go</c>).</summary>
internal sealed record IpfsClusterErrorBody([property: JsonPropertyName("code")] int Code, [property: JsonPropertyName("message")] string? Message);
