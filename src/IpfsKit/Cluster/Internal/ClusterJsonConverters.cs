using System.Text.Json;
using System.Text.Json.Serialization;
using IpfsKit.Content;

namespace IpfsKit.Cluster.Internal;

/// <summary>A tracker status by its name (<c>trackerStatusString</c> in <c>api/types.go</c>); unknown names read as Undefined.</summary>
internal sealed class TrackerStatusJsonConverter : JsonConverter<ClusterTrackerStatus>
{
    public override ClusterTrackerStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ClusterNames.ParseStatus(reader.GetString());

    public override void Write(Utf8JsonWriter writer, ClusterTrackerStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ClusterNames.Format(value));
}
