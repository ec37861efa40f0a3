using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Abuse;

/// <summary>
/// The real host attacked as a web page (cross-origin requests, DNS rebinding) and as a client guessing the token
/// (Unicode spaces around it, a whitespace token); see the security model in docs/operations.md.
/// </summary>
[Trait("Category", "Abuse")]
[Trait("Category", "Host")]
public sealed class SecurityAbuseTests(SecurityHostsFixture hosts, ITestOutputHelper output) : IClassFixture<SecurityHostsFixture>
{
    private const string Evil = "http://evil.example";
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Theory]
    [InlineData("\u00A0", "")]
    [InlineData("", "\u00A0")]
    [InlineData("\u000B", "")]
    [InlineData("", "\u000B")]
    [InlineData("\u3000", "")]
    [InlineData("", "\u3000")]
    public async Task Bearer_TokenWithUnicodeSpaceAround_IsRefused(string before, string after)
    {
        var code = await RawHttp.PostAsync(hosts.Guarded.Port, "/api/v0/id", $"Authorization: Bearer {before}{SecurityHostsFixture.Token}{after}");
        Step($"bearer with U+{(before + after)[0]:X4} answered {code}");

        Assert.True(code is 400 or 401, $"answered {code}");
    }

    [Theory]
    [InlineData("Bearer {0}")]
    [InlineData("bearer {0}")]
    [InlineData("Bearer {0} \t")]
    public async Task Bearer_ExactTokenWithHttpWhitespaceAround_IsAccepted(string format)
    {
        var code = await RawHttp.PostAsync(hosts.Guarded.Port, "/api/v0/id", "Authorization: " + string.Format(CultureInfo.InvariantCulture, format, SecurityHostsFixture.Token));
        Step($"'{format}' answered {code}");

        Assert.Equal(200, code);
    }

    [Fact]
    public async Task Start_WithWhitespaceToken_ExitsWith2NamingTheToken()
    {
        await using var host = HostProcess.Start(token: " \t  ");
        var code = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Step($"exited with {code}: {host.ErrorOutput.Trim()}");

        Assert.Equal(2, code);
        Assert.StartsWith("IPFS_KIT_API_TOKEN:", host.ErrorOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrossOriginFormPost_ToAdd_IsRefusedAndNothingIsPinned()
    {
        var before = await PinsAsync(hosts.Open);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(RandomBytes()), "file", "evil.bin" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v0/add") { Content = form };
        request.Headers.Add("Origin", Evil);

        using var response = await hosts.Open.Client.SendAsync(request);
        Step($"cross-origin add answered {(int)response.StatusCode}");

        await AssertKuboErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before, await PinsAsync(hosts.Open));
    }

    [Theory]
    [InlineData("pin/rm")]
    [InlineData("cluster/ops")]
    public async Task CrossOriginTextPlainPost_ThatUnpins_IsRefusedAndThePinStays(string endpoint)
    {
        var cid = await AddAsync(hosts.Open);
        var (path, body) = endpoint == "pin/rm"
            ? ($"api/v0/pin/rm?arg={cid}", "")
            : ("cluster/ops", $$"""{"idempotencyKey":"{{Guid.NewGuid()}}","sequence":1,"kind":"Unpin","cid":"{{cid}}","mode":"Recursive"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", Evil);

        using var response = await hosts.Open.Client.SendAsync(request);
        Step($"cross-origin {endpoint} answered {(int)response.StatusCode}");

        await AssertKuboErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains(cid, await PinsAsync(hosts.Open));
    }

    [Theory]
    [InlineData("Referer", Evil + "/page.html")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task CrossSiteRequestWithoutOrigin_IsRefused(string header, string value)
    {
        var cid = await AddAsync(hosts.Open);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v0/pin/rm?arg={cid}");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await hosts.Open.Client.SendAsync(request);
        Step($"{header}: {value} answered {(int)response.StatusCode}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(cid, await PinsAsync(hosts.Open));
    }

    [Fact]
    public async Task SameOriginAndNonBrowserRequests_AreServedWithoutCorsHeaders()
    {
        var port = hosts.Open.Port.ToString(CultureInfo.InvariantCulture);
        foreach (var (header, value) in new (string? Header, string Value)[] { ("Origin", $"http://127.0.0.1:{port}"), ("Referer", $"http://127.0.0.1:{port}/webui"), ("Sec-Fetch-Site", "same-origin"), (null, "no browser header") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v0/pin/ls");
            if (header is not null)
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }

            using var response = await hosts.Open.Client.SendAsync(request);
            Step($"{header}: {value} answered {(int)response.StatusCode}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), header);
        }
    }

    [Fact]
    public async Task AllowedOrigin_IsServedWithItsCorsHeader_AndItsPreflightAnswered()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/v0/add");
        preflight.Headers.Add("Origin", SecurityHostsFixture.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        using var preflightResponse = await hosts.Open.Client.SendAsync(preflight);
        Step($"preflight answered {(int)preflightResponse.StatusCode}");

        Assert.Equal(HttpStatusCode.NoContent, preflightResponse.StatusCode);
        Assert.Equal(SecurityHostsFixture.AllowedOrigin, preflightResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", preflightResponse.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("authorization", preflightResponse.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);

        var cid = await AddAsync(hosts.Open, SecurityHostsFixture.AllowedOrigin);
        Step($"allowed origin added {cid}");
        Assert.Contains(cid, await PinsAsync(hosts.Open));
    }

    [Fact]
    public async Task PreflightFromAForeignOrigin_IsRefusedWithoutCorsHeaders()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/v0/add");
        preflight.Headers.Add("Origin", Evil);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await hosts.Open.Client.SendAsync(preflight);
        Step($"foreign preflight answered {(int)response.StatusCode}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task CrossOriginRequest_WithTheToken_IsStillRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v0/pin/ls");
        request.Headers.Add("Origin", Evil);

        using var response = await hosts.Guarded.Client.SendAsync(request);
        Step($"cross-origin with token answered {(int)response.StatusCode}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("evil.example", HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.1.evil.example", HttpStatusCode.Forbidden)]
    [InlineData(SecurityHostsFixture.Hostname, HttpStatusCode.OK)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("[::1]", HttpStatusCode.OK)]
    public async Task HostHeader_WithoutToken_OnlyKnownNamesAreServed(string name, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v0/pin/ls");
        request.Headers.Host = $"{name}:{hosts.Open.Port.ToString(CultureInfo.InvariantCulture)}";

        using var response = await hosts.Open.Client.SendAsync(request);
        Step($"Host {request.Headers.Host} answered {(int)response.StatusCode}");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task HostHeader_WithTokenAndNoConfiguredNames_IsNotChecked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v0/id");
        request.Headers.Host = "ipfs-kit-master:8000"; // a container reached by its service name

        using var response = await hosts.Guarded.Client.SendAsync(request);
        Step($"service-name Host with token answered {(int)response.StatusCode}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_WithoutToken_DoesNotRevealTheDataPath()
    {
        using var anonymous = new HttpClient { BaseAddress = hosts.Guarded.Client.BaseAddress };

        var body = await anonymous.GetStringAsync(new Uri("health", UriKind.Relative));
        Step($"health: {body}");

        Assert.Contains("\"storage\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(hosts.Guarded.DataPath, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetFileName(hosts.Guarded.DataPath), body, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithoutToken_LogsAWarning()
    {
        static bool IsTokenWarning(string line) =>
            line.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal) && line.Contains("IPFS_KIT_API_TOKEN", StringComparison.Ordinal);

        Assert.Contains(hosts.Open.Output.Split('\n'), IsTokenWarning);
        Assert.DoesNotContain(hosts.Guarded.Output.Split('\n'), IsTokenWarning);
    }

    private static byte[] RandomBytes()
    {
        var data = new byte[64];
        Random.Shared.NextBytes(data);
        return data;
    }

    private static async Task<string> AddAsync(HostProcess host, string? origin = null)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(RandomBytes()), "file", "x.bin" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v0/add") { Content = form };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (origin is not null)
        {
            Assert.Equal(origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("Hash").GetString()!;
    }

    private static async Task<List<string>> PinsAsync(HostProcess host)
    {
        using var response = await host.Client.PostAsync(new Uri("api/v0/pin/ls", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("Keys").EnumerateObject().Select(static p => p.Name).Order(StringComparer.Ordinal)];
    }

    private static async Task AssertKuboErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", json.RootElement.GetProperty("Type").GetString());
    }

    private void Step(string what) => output.WriteLine($"{_clock.Elapsed.TotalMilliseconds,8:F0} ms  {what}");
}
