using IpfsKit.Content;
using Microsoft.Net.Http.Headers;

namespace IpfsKit.Node.Gateway;

/// <summary>The response headers every successful answer carries, and the conditional-request check.</summary>
internal static class GatewayHeaders
{
    /// <summary>What <c>/ipfs/</c> content gets: it can never change.</summary>
    public const string ImmutableCacheControl = "public, max-age=29030400, immutable";

    /// <summary>Sets <c>ETag</c>, <c>Cache-Control</c>, <c>X-Ipfs-Path</c> and <c>X-Ipfs-Roots</c>.</summary>
    public static void SetImmutable(HttpResponse response, GatewayRequest request, IReadOnlyList<Cid> roots, string etag)
    {
        var headers = response.Headers;
        headers.ETag = etag;
        headers.CacheControl = ImmutableCacheControl;
        headers["X-Ipfs-Path"] = request.ContentPath;
        headers["X-Ipfs-Roots"] = string.Join(',', roots);
    }

    /// <summary>Whether <c>If-None-Match</c> names <paramref name="etag"/> (weakly compared) or is <c>*</c>.</summary>
    public static bool IsNotModified(HttpRequest request, string etag)
    {
        if (request.Headers.IfNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags))
        {
            return false;
        }

        var ours = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }

    /// <summary>
    /// A <c>Content-Disposition</c> value with the name quoted; a name that is not plain ASCII is also given as
    /// <c>filename*</c> (RFC 6266), with an ASCII fallback.
    /// </summary>
    public static string Disposition(bool attachment, string filename)
    {
        var kind = attachment ? "attachment" : "inline";
        var plain = filename.All(c => c is >= ' ' and <= '~' and not '"' and not '\\');
        if (plain)
        {
            return $"{kind}; filename=\"{filename}\"";
        }

        var fallback = new string([.. filename.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_')]);
        return $"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{Uri.EscapeDataString(filename)}";
    }
}
