using System.Security.Cryptography;
using System.Text;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Requires <c>Authorization: Bearer &lt;IPFS_KIT_API_TOKEN&gt;</c> on everything except /health and /ready when a
/// token is configured. Without a token the host only ever binds to loopback (enforced by <see cref="NodeSettings"/>)
/// and says so in a warning at start.
/// </summary>
/// <remarks>
/// The credential is compared on its exact UTF-8 bytes: only the HTTP optional whitespace (SP, HTAB) around the header
/// value and the spaces after the scheme are dropped, never other Unicode spaces, and an empty credential never
/// matches. Both sides are hashed first, so the comparison takes the same time whatever the length or content given.
/// </remarks>
internal sealed partial class BearerTokenMiddleware
{
    private const string Scheme = "Bearer";
    private readonly RequestDelegate _next;
    private readonly byte[]? _tokenHash;

    public BearerTokenMiddleware(RequestDelegate next, NodeSettings settings, ILogger<BearerTokenMiddleware> logger)
    {
        _next = next;
        _tokenHash = settings.ApiToken is { Length: > 0 } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
        if (_tokenHash is null)
        {
            LogNoToken(logger, settings.ApiHost, settings.ApiPort);
        }
    }

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (_tokenHash is null || path.StartsWithSegments("/health") || path.StartsWithSegments("/ready") || IsAuthorized(context, _tokenHash))
        {
            return _next(context);
        }

        context.Response.Headers.WWWAuthenticate = Scheme;
        return KuboErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "missing or invalid bearer token");
    }

    /// <summary>Whether the request's <c>Authorization: Bearer</c> credential hashes to <paramref name="tokenHash"/> (SHA-256); the gateway's check too.</summary>
    public static bool IsAuthorized(HttpContext context, byte[] tokenHash)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value)
        {
            return false;
        }

        var credential = value.AsSpan().Trim(" \t");
        if (credential.Length <= Scheme.Length || !credential.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || credential[Scheme.Length] != ' ')
        {
            return false;
        }

        credential = credential[(Scheme.Length + 1)..].TrimStart(' ');
        if (credential.IsEmpty)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(credential.ToString());
        SHA256.HashData(bytes, given);
        return CryptographicOperations.FixedTimeEquals(given, tokenHash);
    }

    [LoggerMessage(21, LogLevel.Warning, "No IPFS_KIT_API_TOKEN is set: every process on this machine can use the API on {Host}:{Port} unauthenticated (browsers are held to the node's own origin and host names)")]
    private static partial void LogNoToken(ILogger logger, string host, int port);
}
