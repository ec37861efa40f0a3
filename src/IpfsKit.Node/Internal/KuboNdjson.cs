using System.Buffers;
using System.Text.Json;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Kubo's streamed answers (<c>repo/gc</c>, <c>pin/ls?stream=true</c>, <c>pin/add?progress=true</c>, a <c>block/put</c>
/// of several blocks): one JSON object a line, each line flushed as it is written so a client reads it at once.
/// </summary>
internal static class KuboNdjson
{
    /// <summary>Sets the headers Kubo sends on a streamed answer; call before the first line.</summary>
    public static void Start(HttpResponse response)
    {
        response.ContentType = "application/json";
        response.Headers["X-Chunked-Output"] = "1";
    }

    /// <summary>Writes one object (its members written by <paramref name="body"/>) and a newline, and flushes.</summary>
    public static async Task WriteLineAsync(HttpResponse response, Action<Utf8JsonWriter> body, CancellationToken cancellationToken)
    {
        using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        response.BodyWriter.Write("\n"u8);
        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
