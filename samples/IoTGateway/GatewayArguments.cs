using System.Globalization;

/// <summary>The sample's command line: <c>[--count N] [--interval SECONDS] [--kubo URL | --master URL] [--topic NAME]</c>.</summary>
internal sealed record GatewayArguments(int Count, TimeSpan Interval, Uri? Kubo, Uri? Master, string Topic)
{
    public const string Usage = "usage: IoTGateway [--count N (default 10)] [--interval SECONDS (default 1, 0 allowed)] [--kubo URL | --master URL] [--topic NAME (default iot/sensor/readings)]";

    public static GatewayArguments Parse(string[] args)
    {
        var result = new GatewayArguments(10, TimeSpan.FromSeconds(1), null, null, "iot/sensor/readings");
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value.");
            result = option switch
            {
                "--count" => result with { Count = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException("--count takes a whole number of readings (0 or more).") },
                "--interval" => result with { Interval = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is >= 0 and <= 86_400 ? TimeSpan.FromSeconds(s) : throw new ArgumentException("--interval takes seconds (0 to 86400).") },
                "--kubo" => result with { Kubo = HttpUrl(option, Value()) },
                "--master" => result with { Master = HttpUrl(option, Value()) },
                "--topic" => result with { Topic = Value() is { Length: > 0 } topic ? topic : throw new ArgumentException("--topic takes a name that is not empty.") },
                _ => throw new ArgumentException($"Unknown option '{option}'."),
            };
        }

        return result.Kubo is not null && result.Master is not null
            ? throw new ArgumentException("--kubo and --master exclude each other: a Kubo node, or a master to leech from.")
            : result;
    }

    private static Uri HttpUrl(string option, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"{option} takes an absolute http(s) URL such as http://127.0.0.1:5001, not '{value}'.");
}
