using System.Text.Json;
using System.Text.Json.Serialization;
using IpfsKit.Content;

namespace IpfsKit.Cluster.Internal;

/// <summary>A CID as IPFS Cluster writes it: a CID string, or <c>null</c> for none (<c>Cid.MarshalJSON</c> in <c>api/types.go</c>).</summary>
internal sealed class CidJsonConverter : JsonConverter<Cid>
{
    public override Cid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? default
        : Cid.TryParse(reader.GetString(), out var cid) ? cid
        : throw new JsonException($"\"{reader.GetString()}\" is not a CID.");

    public override void Write(Utf8JsonWriter writer, Cid value, JsonSerializerOptions options)
    {
        if (value.IsEmpty)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }
}

/// <summary>A tracker status by its name (<c>trackerStatusString</c> in <c>api/types.go</c>); unknown names read as Undefined.</summary>
internal sealed class TrackerStatusJsonConverter : JsonConverter<ClusterTrackerStatus>
{
    public override ClusterTrackerStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ClusterNames.ParseStatus(reader.GetString());

    public override void Write(Utf8JsonWriter writer, ClusterTrackerStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ClusterNames.Format(value));
}
