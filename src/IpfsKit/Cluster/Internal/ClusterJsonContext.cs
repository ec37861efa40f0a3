using System.Text.Json.Serialization;

namespace IpfsKit.Cluster.Internal;

/// <summary>Source-generated JSON for the IPFS Cluster REST API's shapes (see each model for its origin in ipfs-cluster).</summary>
[JsonSourceGenerationOptions(
    Converters = [typeof(TrackerStatusJsonConverter)],
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ClusterPeer))]
[JsonSerializable(typeof(ClusterPin))]
[JsonSerializable(typeof(ClusterPinStatus))]
[JsonSerializable(typeof(ClusterAddedOutput))]
[JsonSerializable(typeof(ClusterMetric))]
[JsonSerializable(typeof(ClusterVersionBody))]
[JsonSerializable(typeof(ClusterErrorBody))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext
{
}

/// <summary><c>GET /version</c>: <c>{"version"}</c> (<c>Version</c> in <c>api/types.go</c>).</summary>
internal sealed record ClusterVersionBody([property: JsonPropertyName("version")] string? Version);

/// <summary>An error answer: <c>{"code","message"}</c> (<c>Error</c> in <c>api/types.go</c>, written by <c>SendResponse</c> in <c>api/common/api.go</c>).</summary>
internal sealed record ClusterErrorBody([property: JsonPropertyName("code")] int Code, [property: JsonPropertyName("message")] string? Message);
