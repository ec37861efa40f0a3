using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Abuse;

/// <summary>
/// /api/v0/add probed as a careless client would: requests cut short or with a bad later part pin nothing and leave
/// the store as it was, adds larger than the store fail with 507 and leave nothing, malformed bodies answer 400.
/// </summary>
[Trait("Category", "Abuse")]
[Trait("Category", "Host")]
public sealed partial class AddAbuseTests(ITestOutputHelper output)
{
    private const string Boundary = "abuse-boundary";
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task MultiFileAdd_ClientAbortsAfterFirstLine_PinsNothingAndStoreUnchanged()
    {
        await using var host = await HostProcess.StartReadyAsync();
        var pins = await PinsAsync(host);
        var used = await RepoSizeAsync(host);
        Log($"host ready, {pins.Count} pins, {used} bytes");

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, host.Port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /api/v0/add HTTP/1.1\r\nHost: 127.0.0.1:{host.Port}\r\nContent-Type: multipart/form-data; boundary={Boundary}\r\nTransfer-Encoding: chunked\r\n\r\n"));
            byte[] parts = [.. Part("a.txt", Random(3000, 1)), .. Part("b.txt", Random(3000, 2)), .. PartHead("c.txt"), .. Random(500, 3)];
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{parts.Length:X}\r\n"));
            await stream.WriteAsync(parts);
            await stream.WriteAsync("\r\n"u8.ToArray());
            await stream.FlushAsync();
            Log("sent a.txt, b.txt and the start of c.txt");

            var received = await ReadUntilAsync(stream, "\"a.txt\"");
            Log("received the line of a.txt: " + received.ReplaceLineEndings(" | "));
            Assert.StartsWith("HTTP/1.1 200", received, StringComparison.Ordinal);
            tcp.Client.LingerState = new LingerOption(true, 0); // reset, as a client that dies
        }

        Assert.Equal(pins, await PinsAsync(host));
        await Eventually.TrueAsync(async () => await RepoSizeAsync(host) == used, TimeSpan.FromSeconds(15), "the store's used bytes return to where they were");
        Log("pins and used bytes unchanged");
        await AddAsync(host, ("d.txt", Random(2000, 4)));
    }

    [Fact]
    public async Task MultiFileAdd_BadLaterPart_PinsNothingAndStoreUnchanged()
    {
        await using var host = await HostProcess.StartReadyAsync();
        var pins = await PinsAsync(host);
        var used = await RepoSizeAsync(host);

        using var form = Form(("a.txt", Random(3000, 5)), ("b.txt", Random(3000, 6)), ("../escape.txt", Random(100, 7)));
        try
        {
            using var response = await host.Client.PostAsync(new Uri("api/v0/add", UriKind.Relative), form);
            var body = await response.Content.ReadAsStringAsync();
            Log($"answered {(int)response.StatusCode}: {body.ReplaceLineEndings(" | ")}");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            Log("the host cut the response, as Kubo does after output started: " + e.Message);
        }

        Assert.Equal(pins, await PinsAsync(host));
        await Eventually.TrueAsync(async () => await RepoSizeAsync(host) == used, TimeSpan.FromSeconds(15), "the store's used bytes return to where they were");
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("wrong-boundary")]
    public async Task MalformedMultipart_Answers400(string kind)
    {
        await using var host = await HostProcess.StartReadyAsync();
        byte[] body = kind == "truncated" ? [.. PartHead("a.txt"), .. Random(2000, 8)] : [.. Part("a.txt", Random(2000, 8)), .. End()];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={(kind == "truncated" ? Boundary : "other-boundary")}");

        using var response = await host.Client.PostAsync(new Uri("api/v0/add", UriKind.Relative), content);

        var text = await response.Content.ReadAsStringAsync();
        Log($"{kind}: {(int)response.StatusCode} {text}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(text);
        Assert.Equal("error", error.RootElement.GetProperty("Type").GetString());
        Assert.Empty(await PinsAsync(host));
    }

    private static byte[] PartHead(string name) => Encoding.UTF8.GetBytes(
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{Uri.EscapeDataString(name)}\"\r\nContent-Type: application/octet-stream\r\n\r\n");

    private static byte[] Part(string name, byte[] content) => [.. PartHead(name), .. content, .. "\r\n"u8];

    private static byte[] End() => Encoding.ASCII.GetBytes($"--{Boundary}--\r\n");

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static MultipartFormDataContent Form(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = "\"" + Uri.EscapeDataString(name) + "\"" };
            form.Add(part);
        }

        return form;
    }

    private static async Task<string> ReadUntilAsync(NetworkStream stream, string marker)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, "the host closed the connection before answering: " + text);
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    private static async Task<string> AddAsync(HostProcess host, params (string Name, byte[] Content)[] files)
    {
        using var form = Form(files);
        using var response = await host.Client.PostAsync(new Uri("api/v0/add", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    private static async Task<List<string>> PinsAsync(HostProcess host)
    {
        using var response = await host.Client.PostAsync(new Uri("api/v0/pin/ls", UriKind.Relative), null);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("Keys").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }

    private static async Task<long> RepoSizeAsync(HostProcess host)
    {
        using var response = await host.Client.PostAsync(new Uri("api/v0/repo/stat", UriKind.Relative), null);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("RepoSize").GetInt64();
    }

    private static async Task<long> StorageMaxAsync(HostProcess host)
    {
        using var response = await host.Client.PostAsync(new Uri("api/v0/repo/stat", UriKind.Relative), null);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("StorageMax").GetInt64();
    }

    private void Log(string message) => output.WriteLine($"{_clock.Elapsed:mm\\:ss\\.fff} {message}");
}
