using System.Text.Json;

namespace IpfsKit.Node.Internal;

/// <summary>Kubo's error body: <c>{"Message":…,"Code":0,"Type":"error"}</c>.</summary>
internal static class KuboErrors
{
    /// <summary>The longest message written; a longer one (an exception that quoted input whole) is cut.</summary>
    public const int MaxMessageLength = 512;

    /// <summary>The body as an endpoint result, for endpoints that answer an error instead of throwing.</summary>
    public static IResult Result(int statusCode, string message) =>
        Results.Json(new { Message = Cap(message), Code = 0, Type = "error" }, KuboJson.Options, statusCode: statusCode);

    public static async Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        using var json = new Utf8JsonWriter(context.Response.BodyWriter); // a buffer writer: Dispose does no I/O
        json.WriteStartObject();
        json.WriteString("Message", Cap(message));
        json.WriteNumber("Code", 0);
        json.WriteString("Type", "error");
        json.WriteEndObject();
        json.Flush();
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static string Cap(string message) => message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength - 1), "…");
}
