using System.Globalization;
using IpfsKit.Node.Internal;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// The gateway's bounds, from the <c>IpfsKitHost</c> configuration section (the configuration file, or variables such
/// as <c>IpfsKitHost__GatewayBlockTimeout=00:00:10</c>).
/// </summary>
/// <param name="BlockTimeout">
/// The longest wait for one block (<c>GatewayBlockTimeout</c>, default 30 s): a block that does not arrive in time ends
/// the request with 504 (or, once the body has started, cuts it).
/// </param>
/// <param name="MaxConcurrentRequests">
/// The most requests served at once (<c>GatewayMaxConcurrentRequests</c>, default 64); one more is answered 503 at once.
/// </param>
internal sealed record GatewayLimits(TimeSpan BlockTimeout, int MaxConcurrentRequests)
{
    /// <summary>The most path segments after the CID; a longer path is answered 400 before anything is fetched.</summary>
    public const int MaxPathSegments = 256;

    /// <summary>The longest path segment in UTF-8 bytes (a UnixFS name is rarely above 255).</summary>
    public const int MaxSegmentBytes = 1024;

    /// <summary>Reads the settings; a bad value throws <see cref="NodeSettingsException"/> naming its key.</summary>
    public static GatewayLimits From(IConfiguration configuration)
    {
        var section = configuration.GetSection(RequestBodyTimeouts.Section);
        var timeout = RequestBodyTimeouts.Span(section, "GatewayBlockTimeout", TimeSpan.FromSeconds(30));
        var concurrency = 64;
        if (section["GatewayMaxConcurrentRequests"] is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out concurrency) || concurrency < 1))
        {
            throw new NodeSettingsException($"{RequestBodyTimeouts.Section}:GatewayMaxConcurrentRequests: {InputText.Quote(text)} is not a positive whole number.");
        }

        return new GatewayLimits(timeout, concurrency);
    }
}
