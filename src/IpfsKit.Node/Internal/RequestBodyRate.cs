using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IpfsKit.Node.Internal;

/// <summary>
/// The slowest request body the host waits for: below <c>IpfsKitHost:RequestBodyMinBytesPerSecond</c> (default 240,
/// Kestrel's) averaged after <c>IpfsKitHost:RequestBodyGracePeriod</c> (default 5 s) the read fails and the call
/// answers 408. Set in the configuration file or as environment variables (<c>IpfsKitHost__RequestBodyGracePeriod=00:00:10</c>).
/// </summary>
internal static class RequestBodyRate
{
    public const string Section = "IpfsKitHost";

    /// <summary>Reads the rate; an unparsable or non-positive value throws <see cref="NodeSettingsException"/> naming its key.</summary>
    public static MinDataRate From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var bytesPerSecond = 240.0;
        if (section["RequestBodyMinBytesPerSecond"] is { } rate
            && (!double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out bytesPerSecond) || bytesPerSecond <= 0))
        {
            throw new NodeSettingsException($"{Section}:RequestBodyMinBytesPerSecond: {InputText.Quote(rate)} is not a positive number of bytes per second.");
        }

        var grace = TimeSpan.FromSeconds(5);
        if (section["RequestBodyGracePeriod"] is { } period
            && (!TimeSpan.TryParse(period, CultureInfo.InvariantCulture, out grace) || grace <= TimeSpan.Zero))
        {
            throw new NodeSettingsException($"{Section}:RequestBodyGracePeriod: {InputText.Quote(period)} is not a positive time span (e.g. 00:00:10).");
        }

        return new MinDataRate(bytesPerSecond, grace);
    }
}
