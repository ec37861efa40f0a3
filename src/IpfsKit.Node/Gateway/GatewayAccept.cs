using Microsoft.Net.Http.Headers;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// Content negotiation of the <c>Accept</c> header (RFC 9110 §12.5.1), used when no <c>format</c> parameter is given:
/// the most preferred media range the gateway can answer wins; a header that names only responses it cannot give
/// (dag-json, dag-cbor, tar, IPNS records, a CAR variant other than <c>version=1</c> with <c>order=dfs|unk</c> and
/// <c>dups=n</c>) is answered 406.
/// </summary>
internal static class GatewayAccept
{
    public const string RawMediaType = "application/vnd.ipld.raw";
    public const string CarMediaType = "application/vnd.ipld.car";

    /// <summary>The format the header asks for.</summary>
    /// <exception cref="GatewayException">406: nothing acceptable can be answered.</exception>
    public static GatewayFormat Negotiate(IList<string> accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return GatewayFormat.Deserialized; // absent or unparsable: browsers and curl get the content
        }

        foreach (var range in ranges.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            if (Answer(range) is { } format)
            {
                return format;
            }
        }

        throw new GatewayException(StatusCodes.Status406NotAcceptable, $"none of the accepted types can be answered ({string.Join(", ", accept)}): this gateway serves content, {RawMediaType} and {CarMediaType}; version=1; order=dfs; dups=n");
    }

    private static GatewayFormat? Answer(MediaTypeHeaderValue range)
    {
        var type = range.MediaType.Value?.ToLowerInvariant() ?? "";
        return type switch
        {
            RawMediaType => GatewayFormat.Raw,
            CarMediaType => IsSupportedCar(range) ? GatewayFormat.Car : null,
            _ when type.StartsWith("application/vnd.ipld.", StringComparison.Ordinal)
                || type.StartsWith("application/vnd.ipfs.", StringComparison.Ordinal)
                || type is "application/x-tar" or "application/json" or "application/cbor" => null,
            _ => GatewayFormat.Deserialized,
        };
    }

    /// <summary>Whether the CAR parameters asked for are what the gateway writes.</summary>
    public static bool IsSupportedCar(MediaTypeHeaderValue range)
    {
        foreach (var parameter in range.Parameters)
        {
            var value = parameter.Value.Value?.Trim('"').ToLowerInvariant();
            var supported = parameter.Name.Value?.ToLowerInvariant() switch
            {
                "version" => value == "1",
                "order" => value is "dfs" or "unk",
                "dups" => value == "n",
                "q" => true,
                _ => true, // unknown parameters are ignored
            };
            if (!supported)
            {
                return false;
            }
        }

        return true;
    }
}
