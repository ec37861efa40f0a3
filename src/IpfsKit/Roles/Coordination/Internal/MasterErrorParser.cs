using System.Net;
using System.Text.Json;
using IpfsKit.Http.Internal;
using IpfsKit.Transports.KuboRpc.Internal;

namespace IpfsKit.Roles.Coordination.Internal;

/// <summary>
/// Reads the master's error answers: the host writes Kubo's <c>{"Message","Code","Type"}</c>; ASP.NET Core's own
/// refusals may be problem details (RFC 9457 <c>{"title","detail"}</c>); anything else is read as Kubo reads it.
/// </summary>
internal sealed class MasterErrorParser : IRemoteErrorParser
{
    /// <summary>The one instance (stateless).</summary>
    public static readonly MasterErrorParser Instance = new();

    /// <inheritdoc/>
    public RemoteError Parse(HttpStatusCode status, string body, string? reasonPhrase) =>
        string.IsNullOrEmpty(KuboErrorParser.TryRead(body)?.Message) && Problem(body) is { } problem
            ? new RemoteError(problem, "problem", RemoteErrors.CodeOf(status))
            : KuboErrorParser.Instance.Parse(status, body, reasonPhrase);

    /// <summary>A problem details body's <c>detail</c>, else its <c>title</c>; null when the body is not one.</summary>
    private static string? Problem(string body)
    {
        if (!body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? Text(json.RootElement, "detail") ?? Text(json.RootElement, "title")
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string JSON cannot hold as text (a lone surrogate escape).
            return null;
        }
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
