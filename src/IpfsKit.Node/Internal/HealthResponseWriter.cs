using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpfsKit.Node.Internal;

/// <summary>Writes <c>{"status":…,"components":{"storage":{…},"transport":{…}}}</c>.</summary>
/// <remarks>
/// /health is open without a token, so no description names the data folder: IPFS_PATH's value is written as
/// <c>$IPFS_PATH</c> whichever check put it there (an error message of the storage, say).
/// </remarks>
internal static class HealthResponseWriter
{
    /// <summary>Gets the liveness mapping: every health status answers 200.</summary>
    public static Dictionary<HealthStatus, int> AlwaysOk => new()
    {
        [HealthStatus.Healthy] = StatusCodes.Status200OK,
        [HealthStatus.Degraded] = StatusCodes.Status200OK,
        [HealthStatus.Unhealthy] = StatusCodes.Status200OK,
    };

    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var dataPath = context.RequestServices.GetRequiredService<NodeSettings>().DataPath;
        context.Response.ContentType = "application/json";
        using var json = new Utf8JsonWriter(context.Response.BodyWriter); // a buffer writer: Dispose does no I/O
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString().ToLowerInvariant());
        json.WriteStartObject("components");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString().ToLowerInvariant());
            json.WriteString("description", HidePath(entry.Description, dataPath));
            json.WriteNumber("durationMs", entry.Duration.TotalMilliseconds);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The text with the data folder written as <c>$IPFS_PATH</c>, for answers served without a token (/health, /ready).</summary>
    public static string? HidePath(string? text, string dataPath) => text?.Replace(dataPath, "$IPFS_PATH", StringComparison.Ordinal);
}
