using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;
using static IpfsKit.Node.Tests.Gateway.GatewayHttp;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// Issue 15, "Bad input": each is answered with the spec's 4xx and a short text body, nothing is written to the node, and
/// the process stays healthy.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class GatewayBadInputTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task BadRequests_SpecStatusShortText_NothingWrittenStillHealthy()
    {
        var root = fixture.Site.Root;
        var before = await RepoObjectsAsync();
        var cases = new (string Method, string Target, (string, string)[] Headers, int Status)[]
        {
            ("GET", "/ipfs/not-a-cid", [], 400),
            ("GET", $"/ipfs/{root}/../../etc/passwd", [], 400),
            ("GET", $"/ipfs/{root}/%2e%2e/%2e%2e/etc/passwd", [], 400),
            ("GET", $"/ipfs/{root}/plain%2Fa%20b.txt", [], 400),
            ("GET", $"/ipfs/{root}/" + string.Join('/', Enumerable.Repeat("a", 4000)), [], 400),
            ("GET", $"/ipfs/{root}?format=car&entity-bytes=9:1", [], 400),
            ("GET", $"/ipfs/{root}?format=car&dag-scope=nonsense", [], 400),
            ("GET", $"/ipfs/{root}?format=tar", [], 400),
            ("GET", $"/ipfs/{root}/", [("Accept", "application/vnd.ipld.dag-json")], 406),
            ("GET", $"/ipfs/{root}", [("Accept", "application/vnd.ipld.car; dups=y")], 406),
            ("GET", "/ipfs/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", [("Cache-Control", "only-if-cached")], 412),
            ("HEAD", "/ipfs/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", [("Cache-Control", "only-if-cached")], 412),
            ("GET", "/ipfs/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", [], 404),
            ("GET", $"/ipfs/{root}/plain/nope", [], 404),
            ("GET", $"/ipfs/{root}/plain/a%20b.txt/deeper", [], 404),
            ("GET", "/api/v0/id", [], 404),
            ("POST", $"/ipfs/{root}", [], 405),
            ("PUT", $"/ipfs/{root}", [], 405),
            ("DELETE", $"/ipfs/{root}", [], 405),
        };
        foreach (var (method, target, headers, status) in cases)
        {
            var (answered, body) = await SendRawAsync(method, target, headers);
            output.WriteLine($"{method} {(target.Length > 90 ? target[..90] + "…" : target)} -> {answered} {body.Trim()}");
            Assert.True(status == answered, $"{method} {target[..Math.Min(target.Length, 120)]}: {answered} {body}");
            Assert.True(body.Length <= 600, $"a short text body: {body.Length} chars");
        }

        using var health = await fixture.Host.Client.GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(before, await RepoObjectsAsync());
        using var good = await GetAsync(fixture.Host.Gateway, fixture.Site.PathOf("plain/a b.txt"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    private async Task<long> RepoObjectsAsync()
    {
        using var response = await fixture.Host.Client.PostAsync(new Uri("api/v0/repo/stat", UriKind.Relative), null);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("NumObjects").GetInt64();
    }

    /// <summary>Sends the request line as written (no client normalizes its dot segments) and reads the status and body.</summary>
    private async Task<(int Status, string Body)> SendRawAsync(string method, string target, (string Name, string Value)[] headers)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Host.GatewayPort);
        var stream = tcp.GetStream();
        var request = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append($"{name}: {value}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var status = int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        var bodyStart = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        return (status, text[bodyStart..]);
    }
}
