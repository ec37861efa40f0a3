using System.Text.Json;
using System.Text.Json.Serialization;
using IpfsKit.Content;

namespace IpfsKit.Sharding.Internal;

/// <summary>A CID as its string (<c>Qm…</c> or <c>bafy…</c>).</summary>
internal sealed class CidJsonConverter : JsonConverter<Cid>
{
    public override Cid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Cid.TryParse(reader.GetString(), out var cid) ? cid : throw new JsonException($"\"{reader.GetString()}\" is not a CID.");

    public override void Write(Utf8JsonWriter writer, Cid value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
