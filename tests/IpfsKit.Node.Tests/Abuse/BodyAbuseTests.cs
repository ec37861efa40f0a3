using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using IpfsKit.Content;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Abuse;

/// <summary>
/// Oversized, endless and malformed bodies and arguments against the real host: each is refused early with a
/// fitting status and a short Kubo error, without the host buffering what it refuses.
/// </summary>
[Trait("Category", "Abuse")]
[Trait("Category", "Host")]
public sealed class BodyAbuseTests(HostFixture fixture, ITestOutputHelper output) : IClassFixture<HostFixture>
{
    private const long HundredMegabytes = 100L * 1000 * 1000;
    private const long MaxRssGrowthBytes = 64L * 1024 * 1024;
    private const int MaxMessageLength = 300;
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(15);

    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task DagExport_HundredMegabyteTextBody_Answers413Quickly_WithoutBufferingIt()
    {
        var (status, message, elapsed, growth) = await SendHugeBodyAsync("/api/v0/dag/export", "text/plain", chunked: false, "bafk"u8.ToArray(), "a"u8.ToArray());

        output.WriteLine($"dag/export: {status} after {elapsed.TotalMilliseconds:F0} ms, RSS +{growth / 1024 / 1024} MiB: {message}");
        Assert.Equal(413, status);
        Assert.InRange(message.Length, 1, MaxMessageLength);
        Assert.InRange(growth, long.MinValue, MaxRssGrowthBytes);
    }

    [Fact]
    public async Task ClusterOps_HundredMegabyteChunkedJson_Answers413Quickly_WithoutBufferingIt()
    {
        var (status, message, elapsed, growth) = await SendHugeBodyAsync("/cluster/ops", "application/json", chunked: true, "{\"cid\":\""u8.ToArray(), "a"u8.ToArray());

        output.WriteLine($"cluster/ops: {status} after {elapsed.TotalMilliseconds:F0} ms, RSS +{growth / 1024 / 1024} MiB: {message}");
        Assert.Equal(413, status);
        Assert.InRange(message.Length, 1, MaxMessageLength);
        Assert.InRange(growth, long.MinValue, MaxRssGrowthBytes);
    }

    [Fact]
    public async Task DagExport_ChunkedBodyOfValidRoots_StopsAtItsLimit_With413()
    {
        var (status, message, elapsed, growth) = await SendHugeBodyAsync("/api/v0/dag/export", "text/plain", chunked: true, [], "bafkqaaa\n"u8.ToArray());

        output.WriteLine($"dag/export, chunked roots: {status} after {elapsed.TotalMilliseconds:F0} ms, RSS +{growth / 1024 / 1024} MiB: {message}");
        Assert.Equal(413, status);
        Assert.InRange(message.Length, 1, MaxMessageLength);
        Assert.InRange(growth, long.MinValue, MaxRssGrowthBytes);
    }

    [Fact]
    public async Task DagExport_ChunkedEndlessLine_Answers400_QuotingAPrefix()
    {
        var (status, message, elapsed, growth) = await SendHugeBodyAsync("/api/v0/dag/export", "text/plain", chunked: true, [], "a"u8.ToArray());

        output.WriteLine($"dag/export, one endless line: {status} after {elapsed.TotalMilliseconds:F0} ms, RSS +{growth / 1024 / 1024} MiB: {message}");
        Assert.Equal(400, status);
        Assert.InRange(message.Length, 1, MaxMessageLength);
        Assert.InRange(growth, long.MinValue, MaxRssGrowthBytes);
    }

    [Theory]
    [InlineData(2 * 1024 * 1024, HttpStatusCode.OK)]
    [InlineData(3 * 1024 * 1024, HttpStatusCode.BadRequest)]
    public async Task BlockPut_BlockLimitHoldsEachBlock_NotTheControlLimit(int size, HttpStatusCode expected)
    {
        using var response = await Host.Client.PostAsync(new Uri("api/v0/block/put", UriKind.Relative), Multipart(new byte[size]));

        output.WriteLine($"block/put of {size} bytes: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("api/v0/cat?arg=")]
    [InlineData("api/v0/dag/export?arg=")]
    [InlineData("api/v0/pin/ls?type=")]
    [InlineData("api/v0/cat?arg=bafkqaaa&offset=")]
    [InlineData("api/v0/block/put?cid-codec=")]
    [InlineData("api/v0/outbox/retry?arg=")]
    public async Task HugeQueryArgument_IsQuotedShort(string prefix)
    {
        using var response = await Host.Client.PostAsync(new Uri(prefix + new string('z', 6000), UriKind.Relative), Multipart([1, 2, 3]));

        var message = await MessageAsync(response);
        output.WriteLine($"{prefix}: {(int)response.StatusCode} {message}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.InRange(message.Length, 1, MaxMessageLength);
    }

    [Theory]
    [InlineData("{\"idempotencyKey\":\"", "\"}")] // a huge value of the wrong form
    [InlineData("{\"", "\":{\"a\":[1,}")] // a huge property name, then broken JSON
    public async Task ClusterOps_MalformedJsonWithHugeText_IsQuotedShort(string before, string after)
    {
        using var body = new StringContent(before + new string('k', 500_000) + after, System.Text.Encoding.UTF8, "application/json");

        using var response = await Host.Client.PostAsync(new Uri("cluster/ops", UriKind.Relative), body);

        var message = await MessageAsync(response);
        output.WriteLine($"cluster/ops, malformed: {(int)response.StatusCode} {message}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.InRange(message.Length, 1, MaxMessageLength);
    }

    [Theory]
    [InlineData("mhtype=dag-pb")]
    [InlineData("cid-codec=sha2-256")]
    [InlineData("cid-codec=identity")]
    [InlineData("format=sha2-512")]
    public async Task BlockPut_NotAHashOrNotAContentCodec_Answers400(string query)
    {
        using var response = await Host.Client.PostAsync(new Uri("api/v0/block/put?" + query, UriKind.Relative), Multipart([1, 2, 3]));

        var message = await MessageAsync(response);
        output.WriteLine($"block/put?{query}: {(int)response.StatusCode} {message}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("api/v0/block/stat?arg=")]
    [InlineData("api/v0/pin/add?arg=")]
    [InlineData("api/v0/cat?arg=")]
    public async Task IdentityCid_OfA129ByteDigest_Answers400(string prefix)
    {
        var cid = Cid.CreateV1(Multicodec.Raw, Multihash.Compute(Multicodec.Identity, new byte[129]));

        using var response = await Host.Client.PostAsync(new Uri(prefix + cid, UriKind.Relative), null);

        var message = await MessageAsync(response);
        output.WriteLine($"{prefix}<129-byte identity>: {(int)response.StatusCode} {message}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("128", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlockPut_IdentityHashOf129Bytes_Answers400()
    {
        using var response = await Host.Client.PostAsync(new Uri("api/v0/block/put?mhtype=identity", UriKind.Relative), Multipart(new byte[129]));

        var message = await MessageAsync(response);
        output.WriteLine($"block/put?mhtype=identity, 129 bytes: {(int)response.StatusCode} {message}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("128", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_StalledUpload_Answers408_WithinTheConfiguredGrace()
    {
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartReadyAsync(
            HostFixture.Token, new Dictionary<string, string> { ["IpfsKitHost__RequestBodyGracePeriod"] = "00:00:02" });
        output.WriteLine($"host ready after {clock.ElapsedMilliseconds} ms");
        await using var raw = await RawHttp.ConnectAsync(host.Port);
        const string boundary = "stall";
        await raw.WriteHeadAsync("POST", "/api/v0/add", [$"Authorization: Bearer {HostFixture.Token}", $"Content-Type: multipart/form-data; boundary={boundary}", "Content-Length: 1000000"]);
        await raw.Stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\nContent-Type: application/octet-stream\r\n\r\n" + new string('x', 100)));
        clock.Restart();

        var (status, body) = await raw.ReadResponseAsync(TimeSpan.FromSeconds(30));

        output.WriteLine($"stalled add: {status} after {clock.ElapsedMilliseconds} ms: {body}");
        Assert.Equal(408, status);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Add_StalledAfterAMegabyteBurst_Answers408_WithinTheIdleTimeout()
    {
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartReadyAsync(
            HostFixture.Token, new Dictionary<string, string> { ["IpfsKitHost__RequestBodyIdleTimeout"] = "00:00:02" });
        output.WriteLine($"host ready after {clock.ElapsedMilliseconds} ms");
        await using var raw = await RawHttp.ConnectAsync(host.Port);
        const string boundary = "burst";
        await raw.WriteHeadAsync("POST", "/api/v0/add", [$"Authorization: Bearer {HostFixture.Token}", $"Content-Type: multipart/form-data; boundary={boundary}", "Content-Length: 100000000"]);
        await raw.Stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
        await raw.Stream.WriteAsync(new byte[1024 * 1024]); // at Kestrel's 240 B/s average this alone would buy 73 minutes
        clock.Restart();

        var (status, body) = await raw.ReadResponseAsync(TimeSpan.FromSeconds(30));

        output.WriteLine($"add stalled after 1 MiB: {status} after {clock.ElapsedMilliseconds} ms: {body}");
        Assert.Equal(408, status);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task BadBodyTimeoutSetting_ExitsWith2_NamingTheKey()
    {
        await using var host = HostProcess.Start(HostFixture.Token, new Dictionary<string, string> { ["IpfsKitHost__RequestBodyGracePeriod"] = "soon" });

        var exit = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));

        output.WriteLine($"exit {exit}: {host.Output}");
        Assert.Equal(2, exit);
        Assert.Contains("IpfsKitHost:RequestBodyGracePeriod: 'soon'", host.Output, StringComparison.Ordinal);
    }

    // A single-block add (chunker=size-1048576) and a block/put, so the put itself meets the full budget (a many-block
    // add evicting its own first blocks is issue 11's item 9).
    [Theory]
    [InlineData("api/v0/add?pin=true&chunker=size-1048576")]
    [InlineData("api/v0/block/put")]
    public async Task Put_WhenPinnedContentFillsTheStore_Answers507(string call)
    {
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartReadyAsync(HostFixture.Token, new Dictionary<string, string> { ["MAX_STORAGE"] = "2M", ["MAX_MEMORY"] = "1M" });
        output.WriteLine($"host ready after {clock.ElapsedMilliseconds} ms");
        var filler = new byte[1536 * 1024];
        new Random(1).NextBytes(filler);
        using (var first = await host.Client.PostAsync(new Uri("api/v0/add?pin=true", UriKind.Relative), Multipart(filler)))
        {
            output.WriteLine($"pinned filler: {(int)first.StatusCode} after {clock.ElapsedMilliseconds} ms");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var more = new byte[1024 * 1024];
        new Random(2).NextBytes(more);
        using var response = await host.Client.PostAsync(new Uri(call, UriKind.Relative), Multipart(more));

        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{call} into a full store: {(int)response.StatusCode} after {clock.ElapsedMilliseconds} ms: {text}");
        Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
        Assert.Equal("error", JsonDocument.Parse(text).RootElement.GetProperty("Type").GetString());
    }

    internal static MultipartFormDataContent Multipart(byte[] data) =>
        new() { { new ByteArrayContent(data), "file", "blob" } };

    internal static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return Message(text);
    }

    internal static string Message(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("Message").GetString() ?? "";
    }

    internal static long RssBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Streams 100 MB (<paramref name="prefix"/>, then <paramref name="pattern"/> repeated) while reading the answer; returns it with the host's RSS growth.</summary>
    private async Task<(int Status, string Message, TimeSpan Elapsed, long RssGrowth)> SendHugeBodyAsync(string path, string contentType, bool chunked, byte[] prefix, byte[] pattern)
    {
        var before = RssBytes(Host.ProcessId);
        var clock = Stopwatch.StartNew();
        await using var raw = await RawHttp.ConnectAsync(Host.Port);
        var length = chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + HundredMegabytes.ToString(CultureInfo.InvariantCulture);
        await raw.WriteHeadAsync("POST", path, [$"Authorization: Bearer {HostFixture.Token}", $"Content-Type: {contentType}", length]);
        using var stop = new CancellationTokenSource();
        var writing = raw.WriteBodyAsync(HundredMegabytes, prefix, pattern, chunked, stop.Token);
        var (status, body) = await raw.ReadResponseAsync(Quickly);
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await writing;
        var growth = RssBytes(Host.ProcessId) - before;
        return (status, Message(body), elapsed, growth);
    }
}
