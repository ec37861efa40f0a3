using System.Globalization;
using System.Text.RegularExpressions;

namespace IpfsKit.Node.Tests;

/// <summary>A small check of the Prometheus text exposition format: every non-comment line is `name{labels} value`.</summary>
internal static partial class PrometheusText
{
    /// <summary>Parses the samples, throwing on the first malformed line; returns (name with labels, value).</summary>
    public static List<(string Name, string Labels, double Value)> Parse(string text)
    {
        var samples = new List<(string, string, double)>();
        var typed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var type = TypeLine().Match(line);
                if (line.StartsWith("# TYPE", StringComparison.Ordinal))
                {
                    Assert.True(type.Success, $"bad TYPE line: {line}");
                    Assert.True(typed.Add(type.Groups[1].Value), $"TYPE repeated: {line}");
                }

                continue;
            }

            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"not `name{{labels}} value`: {line}");
            var value = sample.Groups["value"].Value;
            var number = value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add((sample.Groups["name"].Value, sample.Groups["labels"].Value, number));
        }

        return samples;
    }

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\\n]|\\[\\""n])*"")(,[a-zA-Z_][a-zA-Z0-9_]*=""([^""\\\n]|\\[\\""n])*"")*\})? (?<value>[^ ]+)( -?[0-9]+)?$")]
    private static partial Regex SampleLine();
}
