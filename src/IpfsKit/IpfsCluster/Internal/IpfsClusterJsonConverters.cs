using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpfsKit.IpfsCluster.Internal;

/// <summary>A tracker status by its name (<c>trackerStatusString</c> in <c>api/types.go</c>); unknown names read as Undefined.</summary>
internal sealed class TrackerStatusJsonConverter : JsonConverter<IpfsClusterTrackerStatus>
{
    public override IpfsClusterTrackerStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IpfsClusterNames.ParseStatus(reader.GetString());

    public override void Write(Utf8JsonWriter writer, IpfsClusterTrackerStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(IpfsClusterNames.Format(value));
}
