using System.Collections;
using IpfsKit.Node.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpfsKit.Node.Tests.Internal;

/// <summary>The browser guard's decisions, in process (the real host is probed in Abuse/SecurityAbuseTests).</summary>
[Trait("Category", "Host")]
public sealed class BrowserRequestGuardTests
{
    private const string Token = "guard-token-0123456789";

    [Theory]
    [InlineData("127.0.0.1:8000", 200)]
    [InlineData("LOCALHOST:8000", 200)]
    [InlineData("[0:0::1]:8000", 200)]
    [InlineData("localhost:9999", 403)] // another port: another service's name
    [InlineData("127.0.0.1", 403)] // port 80
    [InlineData("rebind.evil.example:8000", 403)]
    [InlineData("ui.example:1234", 200)] // configured without a port: any port
    [InlineData("proxy.example:8443", 200)]
    [InlineData("proxy.example:8444", 403)]
    [InlineData("advertised.example:9000", 200)]
    [InlineData("advertised.example:8000", 403)]
    public async Task Host_WithoutToken_OnlyTheNodesNames(string host, int expected) =>
        Assert.Equal(expected, await StatusAsync(Settings(null, hostnames: "ui.example,proxy.example:8443"), r => r.Host = new HostString(host)));

    [Theory]
    [InlineData(null, 200)] // a token and no configured names: the Host is not checked (service names)
    [InlineData("node.example", 403)] // configured: checked even with a token
    public async Task Host_WithToken_CheckedOnlyWhenNamesAreConfigured(string? hostnames, int expected) =>
        Assert.Equal(expected, await StatusAsync(Settings(Token, hostnames: hostnames), r => r.Host = new HostString("ipfs-kit-master:8000")));

    [Theory]
    [InlineData("Origin", "http://127.0.0.1:8000", 200)]
    [InlineData("Origin", "http://127.0.0.1:8001", 403)]
    [InlineData("Origin", "https://127.0.0.1:8000", 403)]
    [InlineData("Origin", "null", 403)]
    [InlineData("Origin", "http://app.example", 200)]
    [InlineData("Origin", "http://APP.example:80", 200)]
    [InlineData("Referer", "http://127.0.0.1:8000/webui/#/files", 200)]
    [InlineData("Referer", "http://evil.example/", 403)]
    [InlineData("Referer", "not a url", 403)]
    [InlineData("Sec-Fetch-Site", "same-origin", 200)]
    [InlineData("Sec-Fetch-Site", "none", 200)]
    [InlineData("Sec-Fetch-Site", "same-site", 403)]
    [InlineData("Sec-Fetch-Site", "cross-site", 403)]
    public async Task BrowserHeaders_ForeignOriginsAreRefused(string header, string value, int expected) =>
        Assert.Equal(expected, await StatusAsync(Settings(null, origins: "http://app.example"), r => r.Headers[header] = value));

    [Fact]
    public async Task AnyOrigin_WhenStarIsListed_IsServedAndEchoed()
    {
        var context = await InvokeAsync(Settings(Token, origins: "*"), r => r.Headers.Origin = "http://anything.example");

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("http://anything.example", context.Response.Headers.AccessControlAllowOrigin.ToString());
    }

    [Fact]
    public async Task Preflight_OfAnAllowedOrigin_IsAnsweredWithoutCallingTheRest()
    {
        var called = false;
        var context = await InvokeAsync(
            Settings(Token, origins: "http://app.example"),
            r =>
            {
                r.Method = "OPTIONS";
                r.Headers.Origin = "http://app.example";
                r.Headers.AccessControlRequestMethod = "POST";
            },
            () => called = true);

        Assert.False(called); // the token check never sees it
        Assert.Equal(204, context.Response.StatusCode);
        Assert.Contains("Authorization", context.Response.Headers.AccessControlAllowHeaders.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/ready")]
    public async Task Probes_AreExempt(string path) =>
        Assert.Equal(200, await StatusAsync(Settings(null), r =>
        {
            r.Path = path;
            r.Host = new HostString("10.1.2.3:8000");
            r.Headers.Origin = "http://evil.example";
        }));

    private static NodeSettings Settings(string? token, string? origins = null, string? hostnames = null)
    {
        var environment = new Hashtable { ["IPFS_KIT_API_PORT"] = "8000", ["IPFS_KIT_ADVERTISE_URL"] = "http://advertised.example:9000/" };
        environment["IPFS_KIT_API_TOKEN"] = token;
        environment["IPFS_KIT_API_ALLOWED_ORIGINS"] = origins;
        environment["IPFS_KIT_API_HOSTNAMES"] = hostnames;
        return NodeSettings.FromEnvironment(environment, []);
    }

    private static async Task<int> StatusAsync(NodeSettings settings, Action<HttpRequest> arrange) =>
        (await InvokeAsync(settings, arrange)).Response.StatusCode;

    private static async Task<HttpContext> InvokeAsync(NodeSettings settings, Action<HttpRequest> arrange, Action? next = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1:8000");
        context.Request.Path = "/api/v0/pin/ls";
        arrange(context.Request);
        var guard = new BrowserRequestGuard(
            _ =>
            {
                next?.Invoke();
                return Task.CompletedTask;
            },
            settings,
            NullLogger<BrowserRequestGuard>.Instance);
        await guard.InvokeAsync(context);
        return context;
    }
}
