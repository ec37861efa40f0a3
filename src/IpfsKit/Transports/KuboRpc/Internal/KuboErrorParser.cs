using System.Net;
using System.Text.Json;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;

namespace IpfsKit.Transports.KuboRpc.Internal;

/// <summary>
/// Reads Kubo's error answers (<c>{"Message","Code","Type"}</c>, as a body, an NDJSON line or the <c>X-Stream-Error</c>
/// trailer) and maps the messages Kubo and js-ipfs are known to send to <see cref="RemoteErrorCode"/>s, in one table.
/// </summary>
internal sealed class KuboErrorParser : IRemoteErrorParser
{
    /// <summary>The one instance (stateless).</summary>
    public static readonly KuboErrorParser Instance = new();

    /// <summary>How much of a body that is not Kubo's error JSON goes into the message.</summary>
    internal const int BodyExcerptLength = 200;

    // Kubo RPC answers every failed command with HTTP 500 and a message: the message is what says what failed. Each
    // row is a phrase of such a message (matched ignoring case) and its code; the first match wins.
    private static readonly (string Phrase, RemoteErrorCode Code)[] KnownMessages =
    [
        ("not pinned", RemoteErrorCode.NotPinned), // boxo ErrNotPinned "not pinned or pinned indirectly"; "path '…' is not pinned"
        ("not recursively pinned", RemoteErrorCode.NotPinned), // pin/update: "'from' cid was not recursively pinned already"
        ("InsufficientPeers", RemoteErrorCode.InsufficientPeers), // js-ipfs pubsub/pub: "PublishError.InsufficientPeers"
        ("could not find", RemoteErrorCode.NotFound), // "ipld: could not find <cid>", "block was not found locally (offline)"
        ("not found", RemoteErrorCode.NotFound), // "merkledag: not found", "blockstore: block not found"
    ];

    /// <inheritdoc/>
    public RemoteError Parse(HttpStatusCode status, string body, string? reasonPhrase)
    {
        if (TryRead(body) is { Message: { Length: > 0 } message } error)
        {
            return new RemoteError(message, error.Type, CodeOf(message, status));
        }

        var excerpt = body.Length <= BodyExcerptLength ? body : body[..BodyExcerptLength];
        return new RemoteError(excerpt.Length == 0 ? "(empty body)" : excerpt, null, RemoteErrors.CodeOf(status));
    }

    /// <summary>An error line of a stream sent after HTTP 200.</summary>
    public static RemoteError FromLine(KuboError error) =>
        error.Message is { Length: > 0 } message
            ? new RemoteError(message, error.Type, CodeOf(message, HttpStatusCode.OK))
            : new RemoteError("the node reported an error in its stream", error.Type, RemoteErrorCode.Unknown);

    /// <summary>The <c>X-Stream-Error</c> trailer: Kubo's error JSON, or a plain message.</summary>
    public static RemoteError FromTrailer(string trailer) =>
        TryRead(trailer) is { Message: { Length: > 0 } message } error
            ? new RemoteError(message, error.Type, CodeOf(message, HttpStatusCode.OK))
            : new RemoteError(trailer.Length > 0 ? trailer : "(empty trailer)", null, CodeOf(trailer, HttpStatusCode.OK));

    /// <summary>The code of a Kubo message: its row in the table, else what the status implies.</summary>
    public static RemoteErrorCode CodeOf(string message, HttpStatusCode status)
    {
        foreach (var (phrase, code) in KnownMessages)
        {
            if (message.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return code;
            }
        }

        return RemoteErrors.CodeOf(status);
    }

    /// <summary>Kubo's error JSON, or null when the text is not that.</summary>
    public static KuboError? TryRead(string text)
    {
        try
        {
            return text.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize(text, KuboJsonContext.Default.KuboError) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string JSON cannot hold as text (a lone surrogate escape).
            return null;
        }
    }
}
