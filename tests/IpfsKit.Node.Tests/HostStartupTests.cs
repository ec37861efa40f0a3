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

    [Fact]
    public async Task Start_HostsIPv6Any_ApiAndGatewayAnswerOnIPv4AndIPv6()
    {
        const string token = "bind-test-token-0123456789";
        await using var host = await HostProcess.StartReadyAsync(token, new Dictionary<string, string> { ["IPFS_KIT_API_HOST"] = "::", ["IPFS_KIT_GATEWAY_HOST"] = "::" });

        foreach (var loopback in new[] { "127.0.0.1", "[::1]" })
        {
            using var client = new HttpClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var ready = await client.GetAsync(new Uri($"http://{loopback}:{host.Port}/ready"));
            using var id = await client.PostAsync(new Uri($"http://{loopback}:{host.Port}/api/v0/id"), null);
            using var gateway = await client.GetAsync(new Uri($"http://{loopback}:{host.GatewayPort}/ipfs/bafkqaaa"));

            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, id.StatusCode);
            Assert.Equal(HttpStatusCode.OK, gateway.StatusCode); // the empty identity CID: served without any block
        }
    }

    [Theory]
    [InlineData("IPFS_KIT_API_PORT", "IPFS_KIT_API_HOST/IPFS_KIT_API_PORT: cannot listen")]
    [InlineData("IPFS_KIT_GATEWAY_PORT", "IPFS_KIT_GATEWAY_HOST/IPFS_KIT_GATEWAY_PORT: cannot listen")]
    public async Task Start_OnATakenPort_ExitsWithCode1NamingTheBinding(string variable, string expected)
    {
        await using var first = await HostProcess.StartReadyAsync();
        var taken = variable == "IPFS_KIT_API_PORT" ? first.Port : first.GatewayPort;
        await using var second = HostProcess.Start(extra: new Dictionary<string, string> { [variable] = taken.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(1, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(expected, second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithHelp_PrintsUsageAndExits0()
    {
        await using var host = HostProcess.Start(extra: new Dictionary<string, string>(), arguments: ["--help"]);

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Usage: ipfs-kit", host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, 10L << 30)]
    [InlineData("2G", null, 2L << 30)]
    [InlineData("2G", "1G", 1L << 30)]
    public async Task Start_StorageBudget_ComesFromTheConfigFileThenMaxStorage(string? configured, string? variable, long expected)
    {
        var config = Path.GetTempFileName();
        await File.WriteAllTextAsync(config, configured is null ? "{}" : $$"""{ "IpfsKit": { "Storage": { "MaxStorage": "{{configured}}" } } }""");
        var extra = new Dictionary<string, string> { ["IPFS_KIT_CONFIG_FILE"] = config };
        if (variable is not null)
        {
            extra["MAX_STORAGE"] = variable;
        }

        try
        {
            await using var host = await HostProcess.StartReadyAsync(extra: extra);
            using var response = await host.Client.PostAsync(new Uri("api/v0/repo/stat", UriKind.Relative), null);
            using var stat = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.Equal(expected, stat.RootElement.GetProperty("StorageMax").GetInt64());
        }
        finally
        {
            File.Delete(config);
        }
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
