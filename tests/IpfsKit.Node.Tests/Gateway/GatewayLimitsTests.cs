using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IpfsKit.Node.Tests.EndToEnd;
using Xunit.Abstractions;
using static IpfsKit.Node.Tests.Gateway.GatewayHttp;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// Issue 15, item 4: the gateway's safety: a block that never comes ends in 504 after the block timeout (not a hung
/// request), requests beyond the concurrency bound get 503 at once, and the optional token guards the gateway alone.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class GatewayLimitsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task SilentMaster_BlockTimesOutWith504_OneMoreRequestGets503()
    {
        // A "master" that accepts connections and never answers: a leecher asks it for every block it lacks.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                held.Add(await silent.AcceptSocketAsync(stop.Token));
            }
        });
        var environment = RoleCluster.RoleEnvironment("leecher", new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/"));
        environment["IpfsKitHost__GatewayBlockTimeout"] = "00:00:02";
        environment["IpfsKitHost__GatewayMaxConcurrentRequests"] = "1";
        await using var leecher = await HostProcess.StartReadyAsync(RoleCluster.Token, environment);
        var clock = Stopwatch.StartNew();

        var absent = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
        var hanging = GetAsync(leecher.Gateway, $"ipfs/{absent}?format=raw");

        // Once the hanging request holds the one slot, any other request is refused at once. Until then a probe may take
        // the slot itself for a moment (and the hanging request, arriving then, be the one refused: it is sent again).
        HttpStatusCode other;
        do
        {
            if (hanging.IsCompleted)
            {
                using var refused = await hanging;
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                hanging = GetAsync(leecher.Gateway, $"ipfs/{absent}?format=raw");
                clock.Restart();
            }

            using var probe = await GetAsync(leecher.Gateway, "ipfs/bafkqaaa?format=raw");
            other = probe.StatusCode;
            Assert.True(other is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"probe: {other}");
            if (other == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("1", Header(probe, "Retry-After"));
            }
        }
        while (other != HttpStatusCode.ServiceUnavailable);

        output.WriteLine($"{clock.ElapsedMilliseconds,6} ms  a second request while one waits for a block: 503, Retry-After: 1");

        using var timedOut = await hanging;
        var elapsed = clock.Elapsed;
        var body = await timedOut.Content.ReadAsStringAsync();
        output.WriteLine($"{clock.ElapsedMilliseconds,6} ms  the waiting request: {(int)timedOut.StatusCode} {body.Trim()}");
        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
        Assert.Contains(absent, body, StringComparison.Ordinal);
        Assert.InRange(elapsed, BlockTimeout - TimeSpan.FromMilliseconds(200), BlockTimeout + TimeSpan.FromSeconds(8));

        using var after = await GetAsync(leecher.Gateway, "ipfs/bafkqaaa?format=raw");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode); // the slot is free again, the process alive
        Assert.False(leecher.HasExited);
        await stop.CancelAsync();
        silent.Stop();
        foreach (var socket in held)
        {
            socket.Dispose();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => accepting);
    }

    [Fact]
    public async Task Token_WhenSet_GuardsTheGatewayOnly_PortsKeepTheirRoutes()
    {
        const string Secret = "gateway-secret-0123";
        await using var host = await HostProcess.StartReadyAsync(extra: new Dictionary<string, string> { ["IPFS_KIT_GATEWAY_TOKEN"] = Secret });

        using var anonymous = await GetAsync(host.Gateway, "ipfs/bafkqaaa?format=raw");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", Header(anonymous, "WWW-Authenticate"));
        using var wrong = await GetAsync(host.Gateway, "ipfs/bafkqaaa?format=raw", ("Authorization", "Bearer not-it"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var right = await GetAsync(host.Gateway, "ipfs/bafkqaaa?format=raw", ("Authorization", $"Bearer {Secret}"));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);

        // The API's port serves no gateway; its open routes do not need the gateway's token.
        using var onApi = await GetAsync(host.Client, "ipfs/bafkqaaa?format=raw");
        Assert.Equal(HttpStatusCode.NotFound, onApi.StatusCode);
        using var health = await GetAsync(host.Client, "health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
