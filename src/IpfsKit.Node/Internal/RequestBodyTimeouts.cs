using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IpfsKit.Node.Internal;

/// <summary>
/// How long the host waits for a request body, from the <c>IpfsKitHost</c> configuration section (the configuration
/// file, or environment variables such as <c>IpfsKitHost__RequestBodyIdleTimeout=00:01:00</c>); a body too slow fails
/// its call with 408.
/// </summary>
/// <param name="Rate">
/// Kestrel's minimum average rate: <c>RequestBodyMinBytesPerSecond</c> (default 240) after <c>RequestBodyGracePeriod</c>
/// (default 5 s). Averaged over the whole body, so a client that sent much quickly is cut off late when it stalls.
/// </param>
/// <param name="Idle">
/// The longest wait for the next byte while the endpoint is reading (<c>RequestBodyIdleTimeout</c>, default 30 s):
/// the bound on a stall whatever came before it.
/// </param>
internal sealed record RequestBodyTimeouts(MinDataRate Rate, TimeSpan Idle)
{
    public const string Section = "IpfsKitHost";

    /// <summary>Reads the settings; an unparsable or non-positive value throws <see cref="NodeSettingsException"/> naming its key.</summary>
    public static RequestBodyTimeouts From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var bytesPerSecond = 240.0;
        if (section["RequestBodyMinBytesPerSecond"] is { } rate
            && (!double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out bytesPerSecond) || bytesPerSecond <= 0))
        {
            throw new NodeSettingsException($"{Section}:RequestBodyMinBytesPerSecond: {InputText.Quote(rate)} is not a positive number of bytes per second.");
        }

        var grace = Span(section, "RequestBodyGracePeriod", TimeSpan.FromSeconds(5));
        var idle = Span(section, "RequestBodyIdleTimeout", TimeSpan.FromSeconds(30));
        return new RequestBodyTimeouts(new MinDataRate(bytesPerSecond, grace), idle);
    }

    internal static TimeSpan Span(IConfigurationSection section, string key, TimeSpan fallback)
    {
        if (section[key] is not { } text)
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new NodeSettingsException($"{Section}:{key}: {InputText.Quote(text)} is not a positive time span (e.g. 00:00:10).");
    }
}
