using System.Diagnostics.Metrics;
using IpfsKit.Node.Internal;

namespace IpfsKit.Node.Tests.Internal;

[Trait("Category", "Host")]
public sealed class PrometheusCollectorTests
{
    [Fact]
    public void Render_CounterWithAwkwardLabels_SumsAndEscapes()
    {
        using var collector = new PrometheusCollector();
        using var meter = new Meter("IpfsKit");
        var counter = meter.CreateCounter<long>("ipfskit.test.escaped_" + Guid.NewGuid().ToString("N"), "{op}", "A test counter.");

        counter.Add(2, new KeyValuePair<string, object?>("path", "a\"b\\c\nd"), new KeyValuePair<string, object?>("bad.key", 1));
        counter.Add(3, new KeyValuePair<string, object?>("bad.key", 1), new KeyValuePair<string, object?>("path", "a\"b\\c\nd"));
        var text = collector.Render();

        var name = PrometheusCollector.Sanitize(counter.Name) + "_total";
        Assert.Contains($"# TYPE {name} counter\n", text, StringComparison.Ordinal);
        Assert.Contains($"{name}{{bad_key=\"1\",path=\"a\\\"b\\\\c\\nd\"}} 5\n", text, StringComparison.Ordinal);
        Assert.NotEmpty(PrometheusText.Parse(text));
    }

    [Fact]
    public void Render_HistogramGaugeAndOtherMeters_AreShapedOrIgnored()
    {
        using var collector = new PrometheusCollector();
        using var meter = new Meter("IpfsKit");
        using var other = new Meter("NotIpfsKit");
        var suffix = Guid.NewGuid().ToString("N");
        var histogram = meter.CreateHistogram<double>("ipfskit.test.latency_" + suffix, "s");
        var gauge = meter.CreateUpDownCounter<int>("ipfskit.test.items_" + suffix);
        meter.CreateObservableGauge("ipfskit.test.observed_" + suffix, () => 42.5);
        var last = meter.CreateGauge<double>("ipfskit.test.last_" + suffix);
        other.CreateCounter<long>("other.test_" + suffix).Add(1);

        histogram.Record(0.25);
        histogram.Record(0.5);
        gauge.Add(5);
        gauge.Add(-2);
        last.Record(1.5);
        last.Record(1.25);
        var text = collector.Render();

        Assert.Contains($"ipfskit_test_latency_{suffix}_seconds_sum 0.75\n", text, StringComparison.Ordinal);
        Assert.Contains($"ipfskit_test_latency_{suffix}_seconds_count 2\n", text, StringComparison.Ordinal);
        Assert.Contains($"# TYPE ipfskit_test_items_{suffix} gauge\nipfskit_test_items_{suffix} 3\n", text, StringComparison.Ordinal);
        Assert.Contains($"ipfskit_test_observed_{suffix} 42.5\n", text, StringComparison.Ordinal);
        Assert.Contains($"# TYPE ipfskit_test_last_{suffix} gauge\nipfskit_test_last_{suffix} 1.25\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("other_test", text, StringComparison.Ordinal);
        PrometheusText.Parse(text);
    }
}
