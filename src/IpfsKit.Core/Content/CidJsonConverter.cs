using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpfsKit.Content;

/// <summary>
/// Writes a <see cref="Cid"/> as its string (<c>"Qm…"</c>, <c>"bafy…"</c>), and <c>default(Cid)</c> as <c>null</c>; reads
/// the same (also as a dictionary key). <see cref="Cid"/> carries it, so System.Text.Json and ASP.NET use it unasked.
/// </summary>
public sealed class CidJsonConverter : JsonConverter<Cid>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    /// <exception cref="JsonException">The value is not a CID string.</exception>
    public override Cid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => default,
        JsonTokenType.String => FromText(reader.GetString()),
        _ => throw new JsonException($"A CID must be a JSON string, not {reader.TokenType}."),
    };

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Cid value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsEmpty)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }

    /// <inheritdoc/>
    public override Cid ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        FromText(reader.GetString());

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, Cid value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString());
    }

    private static Cid FromText(string? text) =>
        Cid.TryParse(text, out var cid) ? cid : throw new JsonException($"{Internal.Shown.Quote(text)} is not a CID.");
}
