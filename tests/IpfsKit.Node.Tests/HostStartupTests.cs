using System.Net;

namespace IpfsKit.Node.Tests;

/// <summary>Start-up of the real host process: the seed's minimal configuration, and bad configuration.</summary>
[Trait("Category", "Host")]
public sealed class HostStartupTests
{
    [Fact]
    public async Task Start_WithOnlyTheSeedVariables_AnswersHealthReadyAndApiOnLoopback()
    {
        await using var host = await HostProcess.StartReadyAsync();

        using var health = await host.Client.GetAsync(new Uri("health", UriKind.Relative));
        using var ready = await host.Client.GetAsync(new Uri("ready", UriKind.Relative));
        using var id = await host.Client.PostAsync(new Uri("api/v0/id", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, id.StatusCode); // no token configured: served, but only on loopback
    }

    [Theory]
    [InlineData("IPFS_KIT_API_PORT", "abc", "IPFS_KIT_API_PORT: 'abc' is not a port number (1-65535)")]
    [InlineData("MAX_STORAGE", "huge", "MAX_STORAGE: 'huge'")]
    [InlineData("IPFS_KIT_API_HOST", "0.0.0.0", "IPFS_KIT_API_TOKEN")]
    public async Task Start_WithABadValue_ExitsWithCode2NamingTheVariable(string variable, string value, string expected)
    {
        await using var host = HostProcess.Start(extra: new Dictionary<string, string> { [variable] = value });

        var code = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains(expected, host.Output, StringComparison.Ordinal);
    }
}
