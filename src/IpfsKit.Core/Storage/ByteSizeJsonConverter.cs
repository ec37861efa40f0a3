using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpfsKit.Storage;

/// <summary>
/// Writes a <see cref="ByteSize"/> as its string (<c>"512M"</c>, <c>"65536"</c>); reads that string or a plain JSON
/// number of bytes. <see cref="ByteSize"/> carries it, so System.Text.Json uses it unasked.
/// </summary>
public sealed class ByteSizeJsonConverter : JsonConverter<ByteSize>
{
    /// <inheritdoc/>
    /// <exception cref="JsonException">The value is neither a size string nor a non-negative whole number.</exception>
    public override ByteSize Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out var bytes) && bytes >= 0
                ? new ByteSize(bytes)
                : throw new JsonException("A byte size must be a whole number of bytes, zero or more.");
        }

        return reader.TokenType == JsonTokenType.String && ByteSize.TryParse(reader.GetString(), out var size)
            ? size
            : throw new JsonException("A byte size must be a number of bytes or a string such as \"512M\".");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ByteSize value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
