using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using IpfsKit.Diagnostics;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Listens to every instrument of the <c>IpfsKit</c> meter and renders them in the Prometheus text exposition
/// format: counters (summed, <c>_total</c>), up-down counters and gauges (summed / last value) and histograms
/// (as summaries with <c>_sum</c> and <c>_count</c>). Thread-safe.
/// </summary>
internal sealed class PrometheusCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, Series>> _series = new();

    /// <summary>Listens to the <c>IpfsKit</c> meters of <paramref name="meterFactory"/> (the host's) and to those made without a factory (the storage tiers').</summary>
    /// <param name="meterFactory">The host's meter factory; null listens to every <c>IpfsKit</c> meter of the process.</param>
    public PrometheusCollector(IMeterFactory? meterFactory = null)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Another service provider in the process (a test host, a second keyed app) has a meter of the same name of its own.
            if (instrument.Meter.Name == IpfsKitDiagnostics.Name
                && (meterFactory is null || instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meterFactory)))
            {
                _series.TryAdd(instrument, new ConcurrentDictionary<string, Series>());
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var (instrument, series) in _series.OrderBy(static p => p.Key.Name, StringComparer.Ordinal))
        {
            var name = MetricName(instrument);
            var (type, suffix) = Kind(instrument);
            if (!string.IsNullOrEmpty(instrument.Description))
            {
                text.Append("# HELP ").Append(name).Append(suffix).Append(' ').Append(EscapeHelp(instrument.Description)).Append('\n');
            }

            text.Append("# TYPE ").Append(name).Append(suffix).Append(' ').Append(type).Append('\n');
            foreach (var (labels, s) in series.OrderBy(static p => p.Key, StringComparer.Ordinal))
            {
                lock (s)
                {
                    if (type == "summary")
                    {
                        Sample(text, name + "_sum", labels, s.Sum);
                        Sample(text, name + "_count", labels, s.Count);
                    }
                    else
                    {
                        Sample(text, name + suffix, labels, s.Sum);
                    }
                }
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    internal static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] == '_') || (i == 0 && char.IsAsciiDigit(chars[i])))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    private static string MetricName(Instrument instrument)
    {
        var name = Sanitize(instrument.Name);
        var unit = instrument.Unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => "",
        };
        return unit.Length > 0 && !name.EndsWith(unit, StringComparison.Ordinal) ? name + unit : name;
    }

    private static (string Type, string Suffix) Kind(Instrument instrument)
    {
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (generic == typeof(Counter<>) || generic == typeof(ObservableCounter<>))
        {
            return ("counter", "_total");
        }

        return generic == typeof(Histogram<>) ? ("summary", "") : ("gauge", "");
    }

    private static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append(labels).Append(' ').Append(FormatValue(value)).Append('\n');

    private static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        if (!_series.TryGetValue(instrument, out var series))
        {
            return;
        }

        var labels = Labels(tags);
        var s = series.GetOrAdd(labels, static _ => new Series());
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var lastValue = instrument.IsObservable || instrument is Gauge<T>; // a gauge reports its last value; counters add up
        lock (s)
        {
            s.Sum = lastValue ? number : s.Sum + number;
            s.Count++;
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder("{");
        foreach (var (key, value) in sorted)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(Sanitize(key)).Append("=\"")
                .Append(EscapeLabelValue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")).Append('"');
        }

        return text.Append('}').ToString();
    }

    private sealed class Series
    {
        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
