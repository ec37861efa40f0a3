using System.Security.Cryptography;
using System.Text;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Requires <c>Authorization: Bearer &lt;IPFS_KIT_API_TOKEN&gt;</c> on everything except /health and /ready when a
/// token is configured. Without a token the host only ever binds to loopback (enforced by <see cref="NodeSettings"/>).
/// </summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, NodeSettings settings)
{
    private readonly byte[]? _token = settings.ApiToken is null ? null : Encoding.UTF8.GetBytes(settings.ApiToken);

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (_token is null || path.StartsWithSegments("/health") || path.StartsWithSegments("/ready") || IsAuthorized(context))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return KuboErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "missing or invalid bearer token");
    }

    private bool IsAuthorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _token);
    }
}
