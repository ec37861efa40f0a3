using System.Net;

namespace IpfsKit.Http.Internal;

/// <summary>An error body read as plain text (a trustless gateway's answers, a router's 404): the text, else the reason phrase.</summary>
internal sealed class TextErrorParser : IRemoteErrorParser
{
    /// <summary>The one instance (stateless).</summary>
    public static readonly TextErrorParser Instance = new();

    /// <inheritdoc/>
    public RemoteError Parse(HttpStatusCode status, string body, string? reasonPhrase) =>
        new(Text(body, reasonPhrase), null, RemoteErrors.CodeOf(status));

    /// <summary>The trimmed body, else the reason phrase, else <c>error</c>.</summary>
    public static string Text(string body, string? reasonPhrase) =>
        body.Trim() is { Length: > 0 } text ? text : string.IsNullOrWhiteSpace(reasonPhrase) ? "error" : reasonPhrase;
}
