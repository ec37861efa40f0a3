using System.Globalization;

/// <summary>The sample's command line: <c>[--count N] [--interval SECONDS] [--kubo URL] [--topic NAME]</c>.</summary>
internal sealed record GatewayArguments(int Count, TimeSpan Interval, Uri? Kubo, string Topic)
{
    public const string Usage = "usage: IoTGateway [--count N (default 10)] [--interval SECONDS (default 1, 0 allowed)] [--kubo URL] [--topic NAME (default iot/sensor/readings)]";

    public static GatewayArguments Parse(string[] args)
    {
        var result = new GatewayArguments(10, TimeSpan.FromSeconds(1), null, "iot/sensor/readings");
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            result = args[i] switch
            {
                "--count" => result with { Count = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException("--count takes a whole number of readings (0 or more).") },
                "--interval" => result with { Interval = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 ? TimeSpan.FromSeconds(s) : throw new ArgumentException("--interval takes seconds (0 or more).") },
                "--kubo" => result with { Kubo = Uri.TryCreate(Value(), UriKind.Absolute, out var uri) ? uri : throw new ArgumentException("--kubo takes an absolute URL such as http://127.0.0.1:5001.") },
                "--topic" => result with { Topic = Value() },
                var unknown => throw new ArgumentException($"Unknown option '{unknown}'."),
            };
        }

        return result;
    }
}
