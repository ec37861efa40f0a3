using System.Net;
using System.Text.Json;

namespace IpfsKit.Transports.KuboRpc.Internal;

/// <summary>Builds the exceptions of the Kubo RPC transport, in one place (STYLE rule 11).</summary>
internal static class KuboErrors
{
    /// <summary>How much of a body that is not Kubo's error JSON goes into the message.</summary>
    internal const int BodyExcerptLength = 200;

    /// <summary>A non-2xx answer: Kubo's <c>{"Message","Code","Type"}</c>, else the status and the start of the body.</summary>
    internal static IpfsKitRemoteException FromErrorBody(string endpoint, HttpStatusCode status, string body)
    {
        if (TryParse(body) is { Message: { } message } error)
        {
            return new IpfsKitRemoteException(endpoint, status, message, error.Type);
        }

        var excerpt = body.Length <= BodyExcerptLength ? body : body[..BodyExcerptLength];
        return new IpfsKitRemoteException(endpoint, status, excerpt.Length == 0 ? "(empty body)" : excerpt);
    }

    /// <summary>An error sent after HTTP 200, as an NDJSON line or in the <c>X-Stream-Error</c> trailer.</summary>
    internal static IpfsKitRemoteException StreamError(string endpoint, HttpStatusCode status, KuboError error) =>
        new(endpoint, status, error.Message ?? "the node reported an error in its stream", error.Type);

    /// <summary>The <c>X-Stream-Error</c> trailer: Kubo's error JSON, or a plain message.</summary>
    internal static IpfsKitRemoteException FromTrailer(string endpoint, HttpStatusCode status, string trailer) =>
        TryParse(trailer) is { Message: { } message } error
            ? new IpfsKitRemoteException(endpoint, status, message, error.Type)
            : new IpfsKitRemoteException(endpoint, status, trailer);

    /// <summary>No answer came, or the connection broke (refused, reset, closed, timed out).</summary>
    internal static IpfsKitRemoteException Unreachable(string endpoint, Exception cause) =>
        new(endpoint, null, cause.Message, null, cause);

    /// <summary>No answer came from <paramref name="node"/> (the configured endpoint, named so a wrong one is seen).</summary>
    internal static IpfsKitRemoteException Unreachable(string endpoint, Uri? node, Exception cause) =>
        node is null ? Unreachable(endpoint, cause)
            : new(endpoint, null, $"{cause.Message} (no answer from the node at {node.GetLeftPart(UriPartial.Path)}, IpfsKit:Endpoint)", null, cause);

    /// <summary>The answer was 2xx but not what the command returns.</summary>
    internal static IpfsKitRemoteException Malformed(string endpoint, HttpStatusCode status, string detail, Exception? cause = null) =>
        new(endpoint, status, $"unexpected answer: {detail}", null, cause);

    private static KuboError? TryParse(string text)
    {
        try
        {
            return text.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize(text, KuboJsonContext.Default.KuboError) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
