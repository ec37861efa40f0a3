using System.Globalization;
using System.Text;
using IpfsKit.Content;
using IpfsKit.Content.Car;
using IpfsKit.Node.Internal;
using Microsoft.AspNetCore.Http.Features;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// A parsed <c>/ipfs/{cid}[/{path}][?{params}]</c> request. Every check that needs no block is made here, so bad input
/// is answered 400 (406 for <c>Accept</c>) before anything is fetched.
/// </summary>
internal sealed record GatewayRequest
{
    public required Cid Root { get; init; }

    /// <summary>Gets the decoded path segments after the CID (never empty, never <c>.</c> or <c>..</c>).</summary>
    public required IReadOnlyList<string> Segments { get; init; }

    /// <summary>Gets whether the path ends with <c>/</c> (a directory's listing links are relative to it).</summary>
    public required bool TrailingSlash { get; init; }

    public required GatewayFormat Format { get; init; }

    /// <summary>Gets whether the format came from <c>?format=</c> rather than <c>Accept</c>.</summary>
    public required bool FormatInQuery { get; init; }

    public CarDagScope Scope { get; init; }

    public CarEntityBytes? EntityBytes { get; init; }

    public string? Filename { get; init; }

    public bool Download { get; init; }

    /// <summary>Gets whether <c>Cache-Control: only-if-cached</c> asks for what this node holds itself.</summary>
    public bool OnlyIfCached { get; init; }

    /// <summary>Gets the content path as <c>X-Ipfs-Path</c> names it, each segment percent-encoded: <c>/ipfs/{cid}/a/b%20c</c>.</summary>
    public string ContentPath => "/ipfs/" + Root + string.Concat(Segments.Select(s => "/" + Uri.EscapeDataString(s)));

    /// <summary>Parses the request.</summary>
    /// <exception cref="GatewayException">400 for a bad path, CID or parameter; 404 for a path outside <c>/ipfs/</c>; 406 for <c>Accept</c>.</exception>
    public static GatewayRequest Parse(HttpContext context)
    {
        var request = context.Request;

        // The raw target: Kestrel's Path has removed dot segments and decoded all but %2F, so "..", "%2F" and "%2e%2e"
        // are judged here on what the client sent.
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = query < 0 ? target : target[..query];
        var parts = rawPath.Split('/');
        if (parts.Length > GatewayLimits.MaxPathSegments + 3)
        {
            throw GatewayException.BadRequest($"the path has more than {GatewayLimits.MaxPathSegments} segments");
        }

        if (parts.Length < 3 || parts[0].Length != 0)
        {
            throw GatewayException.NotFound("not found: the gateway serves /ipfs/{cid}[/{path}]");
        }

        if (parts[1] == "ipns")
        {
            throw new GatewayException(StatusCodes.Status501NotImplemented, "/ipns/ is not supported by this gateway");
        }

        if (parts[1] != "ipfs")
        {
            throw GatewayException.NotFound("not found: the gateway serves /ipfs/{cid}[/{path}]");
        }

        var cidText = Decode(parts[2]);
        if (!Cid.TryParse(cidText, out var root))
        {
            throw GatewayException.BadRequest($"invalid path: {InputText.Quote(cidText)} is not a CID");
        }

        var segments = new List<string>();
        var trailingSlash = parts.Length > 3 && parts[^1].Length == 0;
        for (var i = 3; i < parts.Length; i++)
        {
            var segment = Decode(parts[i]);
            if (segment.Length == 0)
            {
                if (i == parts.Length - 1)
                {
                    break;
                }

                throw GatewayException.BadRequest("invalid path: an empty segment (//)");
            }

            if (segment is "." or ".." || segment.Contains('/', StringComparison.Ordinal) || segment.Contains('\0', StringComparison.Ordinal))
            {
                throw GatewayException.BadRequest($"invalid path segment {InputText.Quote(segment)}: a path cannot leave the DAG");
            }

            if (Encoding.UTF8.GetByteCount(segment) > GatewayLimits.MaxSegmentBytes)
            {
                throw GatewayException.BadRequest($"a path segment is longer than {GatewayLimits.MaxSegmentBytes} bytes");
            }

            segments.Add(segment);
        }

        var (format, inQuery) = ReadFormat(request);
        var scope = ReadScope(request);
        var entityBytes = ReadEntityBytes(request);
        if (format == GatewayFormat.Car)
        {
            CheckCarParameter(request, "car-version", "1");
            CheckCarParameter(request, "car-order", "dfs", "unk");
            CheckCarParameter(request, "car-dups", "n");
        }

        var filename = request.Query["filename"].ToString();
        return new GatewayRequest
        {
            Root = root,
            Segments = segments,
            TrailingSlash = trailingSlash,
            Format = format,
            FormatInQuery = inQuery,
            Scope = scope,
            EntityBytes = entityBytes,
            Filename = filename.Length == 0 ? null : filename,
            Download = request.Query["download"].ToString() is "true" or "1",
            OnlyIfCached = request.Headers.CacheControl.Any(v => v?.Contains("only-if-cached", StringComparison.OrdinalIgnoreCase) == true),
        };
    }

    private static string Decode(string segment)
    {
        try
        {
            return Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            throw GatewayException.BadRequest("invalid path: bad percent-encoding");
        }
    }

    private static (GatewayFormat Format, bool InQuery) ReadFormat(HttpRequest request)
    {
        var text = request.Query["format"].ToString();
        return text switch
        {
            "" => (GatewayAccept.Negotiate(request.Headers.Accept), false),
            "raw" => (GatewayFormat.Raw, true),
            "car" => (GatewayFormat.Car, true),
            _ => throw GatewayException.BadRequest($"format={InputText.Quote(text)} is not supported (raw, car)"),
        };
    }

    private static CarDagScope ReadScope(HttpRequest request) => request.Query["dag-scope"].ToString() switch
    {
        "" or "all" => CarDagScope.All,
        "entity" => CarDagScope.Entity,
        "block" => CarDagScope.Block,
        var other => throw GatewayException.BadRequest($"dag-scope={InputText.Quote(other)} is not block, entity or all"),
    };

    /// <summary><c>from:to</c>: integers, negative from the end; <c>to</c> may be <c>*</c>. A range that ends before it starts is 400.</summary>
    private static CarEntityBytes? ReadEntityBytes(HttpRequest request)
    {
        var text = request.Query["entity-bytes"].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var from))
        {
            throw GatewayException.BadRequest($"entity-bytes={InputText.Quote(text)} is not from:to");
        }

        long? to = null;
        var toText = text.AsSpan(colon + 1);
        if (toText is not "*")
        {
            to = long.TryParse(toText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw GatewayException.BadRequest($"entity-bytes={InputText.Quote(text)} is not from:to");
        }

        if (to is { } end && (from >= 0) == (end >= 0) && end < from)
        {
            throw GatewayException.BadRequest($"entity-bytes={InputText.Quote(text)}: the range ends before it starts");
        }

        return new CarEntityBytes(from, to);
    }

    private static void CheckCarParameter(HttpRequest request, string name, params string[] supported)
    {
        var value = request.Query[name].ToString();
        if (value.Length > 0 && !supported.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            throw GatewayException.BadRequest($"{name}={InputText.Quote(value)} is not supported ({string.Join(", ", supported)})");
        }
    }
}
