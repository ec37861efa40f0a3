using IpfsKit.Node.Internal;
using Microsoft.Extensions.Configuration;

namespace IpfsKit.Node.Tests.Internal;

[Trait("Category", "Host")]
public sealed class RequestBodyTimeoutsTests
{
    [Fact]
    public void From_NothingConfigured_KestrelsDefaults()
    {
        var timeouts = RequestBodyTimeouts.From(Configuration());

        Assert.Equal(240, timeouts.Rate.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(5), timeouts.Rate.GracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(30), timeouts.Idle);
    }

    [Fact]
    public void From_Configured_TakesEach()
    {
        var timeouts = RequestBodyTimeouts.From(Configuration(("RequestBodyMinBytesPerSecond", "1000"), ("RequestBodyGracePeriod", "00:00:02"), ("RequestBodyIdleTimeout", "00:01:00")));

        Assert.Equal(1000, timeouts.Rate.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(2), timeouts.Rate.GracePeriod);
        Assert.Equal(TimeSpan.FromMinutes(1), timeouts.Idle);
    }

    [Theory]
    [InlineData("RequestBodyMinBytesPerSecond", "fast")]
    [InlineData("RequestBodyMinBytesPerSecond", "0")]
    [InlineData("RequestBodyGracePeriod", "soon")]
    [InlineData("RequestBodyGracePeriod", "-00:00:01")]
    [InlineData("RequestBodyIdleTimeout", "0")]
    public void From_BadValue_ThrowsNamingTheKey(string key, string value)
    {
        var e = Assert.Throws<NodeSettingsException>(() => RequestBodyTimeouts.From(Configuration((key, value))));

        Assert.StartsWith($"IpfsKitHost:{key}:", e.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"{RequestBodyTimeouts.Section}:{v.Key}", v.Value)))
            .Build();
}
