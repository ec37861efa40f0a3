using IpfsKit.Node.Internal;
using Microsoft.Extensions.Configuration;

namespace IpfsKit.Node.Tests.Internal;

[Trait("Category", "Host")]
public sealed class RequestBodyRateTests
{
    [Fact]
    public void From_NothingConfigured_KestrelsDefaults()
    {
        var rate = RequestBodyRate.From(Configuration());

        Assert.Equal(240, rate.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(5), rate.GracePeriod);
    }

    [Fact]
    public void From_Configured_TakesBoth()
    {
        var rate = RequestBodyRate.From(Configuration(("RequestBodyMinBytesPerSecond", "1000"), ("RequestBodyGracePeriod", "00:00:02")));

        Assert.Equal(1000, rate.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(2), rate.GracePeriod);
    }

    [Theory]
    [InlineData("RequestBodyMinBytesPerSecond", "fast")]
    [InlineData("RequestBodyMinBytesPerSecond", "0")]
    [InlineData("RequestBodyGracePeriod", "soon")]
    [InlineData("RequestBodyGracePeriod", "-00:00:01")]
    public void From_BadValue_ThrowsNamingTheKey(string key, string value)
    {
        var e = Assert.Throws<NodeSettingsException>(() => RequestBodyRate.From(Configuration((key, value))));

        Assert.StartsWith($"IpfsKitHost:{key}:", e.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"{RequestBodyRate.Section}:{v.Key}", v.Value)))
            .Build();
}
