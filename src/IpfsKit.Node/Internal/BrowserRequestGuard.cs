using System.Globalization;
using System.Net;
using Microsoft.Extensions.Primitives;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Keeps web pages from driving the node, as Kubo does: a browser request from another origin (its <c>Origin</c>, else
/// its <c>Referer</c>, else <c>Sec-Fetch-Site: cross-site|same-site</c>) is refused with 403 unless the origin is in
/// IPFS_KIT_API_ALLOWED_ORIGINS, and, against DNS rebinding, a Host header that does not name this node is refused.
/// </summary>
/// <remarks>
/// <para>The node's own origin is the request's scheme, host and port. Requests without those headers (curl, the CLI,
/// other nodes) are not browser requests and pass. An allowed origin gets <c>Access-Control-Allow-Origin</c> echoed and
/// its preflight (<c>OPTIONS</c>) answered here, before the token check, since browsers send preflights without
/// credentials; nothing else ever gets CORS headers.</para>
/// <para>The Host check applies without a token (DNS rebinding matters only to an API open to whoever reaches it) and,
/// with a token, only when IPFS_KIT_API_HOSTNAMES is set: containers and pods are reached by names and addresses the
/// node cannot know. Known names: localhost, 127.0.0.1 and [::1] with the API port, the bound address, the host of
/// IPFS_KIT_ADVERTISE_URL with its port, and IPFS_KIT_API_HOSTNAMES (any port unless one is given). /health and /ready
/// are exempt from both checks: they are open anyway, and probes reach them by address.</para>
/// </remarks>
internal sealed partial class BrowserRequestGuard
{
    private const string AllowedMethods = "GET, POST, OPTIONS";
    private const string DefaultAllowedHeaders = "Authorization, Content-Type, X-Correlation-Id";
    private const string ExposedHeaders = "X-Correlation-Id, X-Stream-Output, X-Chunked-Output";
    private readonly RequestDelegate _next;
    private readonly ILogger<BrowserRequestGuard> _logger;
    private readonly HashSet<string> _origins;
    private readonly bool _anyOrigin;
    private readonly HashSet<string>? _hosts; // "name:port" or "name" (any port); null when Host is not checked

    public BrowserRequestGuard(RequestDelegate next, NodeSettings settings, ILogger<BrowserRequestGuard> logger)
    {
        _next = next;
        _logger = logger;
        _anyOrigin = settings.AllowedOrigins.Contains("*");
        _origins = new HashSet<string>(settings.AllowedOrigins, StringComparer.OrdinalIgnoreCase);
        if (settings.ApiToken is null || settings.ApiHostnames.Count > 0)
        {
            var port = settings.ApiPort.ToString(CultureInfo.InvariantCulture);
            _hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { $"localhost:{port}", $"127.0.0.1:{port}", $"[::1]:{port}" };
            if (settings.ApiHost is not ("0.0.0.0" or "::"))
            {
                _hosts.Add($"{HostName(settings.ApiHost)}:{port}");
            }

            _hosts.Add($"{HostName(settings.AdvertisedUrl.Host)}:{settings.AdvertisedUrl.Port.ToString(CultureInfo.InvariantCulture)}");
            _hosts.UnionWith(settings.ApiHostnames); // already "name" or "name:port" in one spelling
        }
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/health") || request.Path.StartsWithSegments("/ready"))
        {
            return _next(context);
        }

        if (_hosts is not null && request.Host.HasValue && !IsKnownHost(request))
        {
            return RefuseAsync(context, $"the Host '{request.Host}' is not a name of this node (see IPFS_KIT_API_HOSTNAMES)");
        }

        var origin = BrowserOrigin(request);
        if (origin is null || string.Equals(origin, OriginOf($"{request.Scheme}://{request.Host}"), StringComparison.OrdinalIgnoreCase))
        {
            return _next(context);
        }

        if (!_anyOrigin && !_origins.Contains(origin))
        {
            return RefuseAsync(context, $"cross-origin request from '{origin}' refused (see IPFS_KIT_API_ALLOWED_ORIGINS)");
        }

        if (origin.Length == 0)
        {
            return _next(context); // a cross-site request that names no origin, under "*": nothing to echo
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            headers.AccessControlAllowMethods = AllowedMethods;
            var requested = request.Headers.AccessControlRequestHeaders;
            headers.AccessControlAllowHeaders = StringValues.IsNullOrEmpty(requested) ? DefaultAllowedHeaders : requested;
            headers.AccessControlMaxAge = "600";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        headers.AccessControlExposeHeaders = ExposedHeaders;
        return _next(context);
    }

    /// <summary>The origin a browser says the request comes from: <see langword="null"/> when none (not a browser, or a
    /// same-origin or user-typed navigation), <c>""</c> for a cross-site request that does not name one.</summary>
    private static string? BrowserOrigin(HttpRequest request)
    {
        if (request.Headers.Origin is { Count: > 0 } origin)
        {
            return OriginOf(origin.ToString()) ?? origin.ToString(); // "null" and junk stay as given: foreign
        }

        if (request.Headers.Referer is { Count: > 0 } referer)
        {
            return OriginOf(referer.ToString()) ?? "";
        }

        return request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site" ? "" : null;
    }

    private static string? OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Authority) : null;

    private bool IsKnownHost(HttpRequest request)
    {
        var name = HostName(request.Host.Host);
        var port = (request.Host.Port ?? (request.IsHttps ? 443 : 80)).ToString(CultureInfo.InvariantCulture);
        return _hosts!.Contains($"{name}:{port}") || _hosts.Contains(name);
    }

    /// <summary>A host name in one spelling: lower case, IPv6 in brackets and canonical, no trailing dot.</summary>
    private static string HostName(string host)
    {
        var bare = host.TrimEnd('.');
        return IPAddress.TryParse(bare.Trim('[', ']'), out var ip)
            ? ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString()
            : bare.ToLowerInvariant();
    }

    private Task RefuseAsync(HttpContext context, string reason)
    {
        LogRefused(_logger, context.Request.Method, context.Request.Path, reason);
        return KuboErrors.WriteAsync(context, StatusCodes.Status403Forbidden, reason);
    }

    [LoggerMessage(30, LogLevel.Information, "Browser guard refused {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string reason);
}
