using System.Globalization;
using System.Net;
using System.Text.Json;
using IpfsKit.Http.Internal;

namespace IpfsKit.IpfsCluster.Internal;

/// <summary>
/// Reads IPFS Cluster's error answers: <c>{"code","message"}</c> (<c>SendResponse</c> in ipfs-cluster
/// <c>api/common/api.go</c>; <c>code</c> is the HTTP status), else the body's text (the router's 404s are plain text).
/// The typed code follows the status: the cluster's messages are not a stable table.
/// </summary>
internal sealed class IpfsClusterErrorParser : IRemoteErrorParser
{
    /// <summary>The one instance (stateless).</summary>
    public static readonly IpfsClusterErrorParser Instance = new();

    /// <inheritdoc/>
    public RemoteError Parse(HttpStatusCode status, string body, string? reasonPhrase)
    {
        var text = body.Trim();
        try
        {
            if (text.StartsWith('{') && JsonSerializer.Deserialize(text, IpfsClusterJsonContext.Default.IpfsClusterErrorBody) is { Message: { Length: > 0 } message } error)
            {
                return new RemoteError(message, error.Code.ToString(CultureInfo.InvariantCulture), RemoteErrors.CodeOf(status));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not the cluster's error JSON (or a string with a lone surrogate escape).
        }

        return TextErrorParser.Instance.Parse(status, text, reasonPhrase);
    }
}
