using System.Net.Http.Headers;
using System.Text.Json;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Node.Tests;

/// <summary>/api/v0/add streams the multipart section into the importer: a large add does not grow the host by its size.</summary>
[Trait("Category", "Host")]
public sealed class HostStreamingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long Size = 128L * 1024 * 1024;

    [Fact]
    public async Task Add_OfAStreamedLargeFile_DoesNotBufferIt()
    {
        await using var host = await HostProcess.StartReadyAsync(extra: new Dictionary<string, string> { ["MAX_MEMORY"] = "0" });
        using (await host.Client.PostAsync(new Uri("api/v0/id", UriKind.Relative), null))
        {
        }

        var before = PeakResidentBytes(host.ProcessId);
        var (response, body) = await AddAsync(host);
        var growth = PeakResidentBytes(host.ProcessId) - before;
        var expected = await new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015 with { OnlyHash = true }).AddFileAsync(new PatternStream(Size));
        output.WriteLine($"added {Size / (1024 * 1024)} MiB through /api/v0/add; the host's peak resident memory grew by {growth / (1024.0 * 1024):0.0} MiB");

        Assert.True(response.IsSuccessStatusCode, body);
        using var line = JsonDocument.Parse(body.Trim());
        Assert.Equal(expected.Cid.ToString(), line.RootElement.GetProperty("Hash").GetString());
        Assert.True(growth < Size / 2, $"peak resident memory grew by {growth / (1024 * 1024)} MiB for a {Size / (1024 * 1024)} MiB add");
    }

    /// <summary>Issue 15: the gateway streams a file from its DAG as it sends it; the host does not grow by the file's size.</summary>
    [Fact]
    [Trait("Category", "Gateway")]
    public async Task GatewayGet_OfALargeFile_StreamsIt()
    {
        await using var adder = await HostProcess.StartReadyAsync(extra: new Dictionary<string, string> { ["MAX_MEMORY"] = "0" });
        var (added, body) = await AddAsync(adder);
        Assert.True(added.IsSuccessStatusCode, body);
        var cid = JsonDocument.Parse(body.Trim()).RootElement.GetProperty("Hash").GetString();

        // A fresh process on the same folder, so the add's peak is not in the high-water mark the read is measured by.
        await adder.KillAsync();
        await using var host = await HostProcess.StartReadyAsync(extra: new Dictionary<string, string> { ["MAX_MEMORY"] = "0", ["IPFS_PATH"] = adder.DataPath });
        var before = PeakResidentBytes(host.ProcessId);
        using var response = await host.Gateway.GetAsync(new Uri($"ipfs/{cid}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(Size, response.Content.Headers.ContentLength);
        await using var content = await response.Content.ReadAsStreamAsync();
        var received = await System.Security.Cryptography.SHA256.HashDataAsync(content);
        var growth = PeakResidentBytes(host.ProcessId) - before;

        output.WriteLine($"served {Size / (1024 * 1024)} MiB through the gateway; the host's peak resident memory grew by {growth / (1024.0 * 1024):0.0} MiB");
        Assert.Equal(await System.Security.Cryptography.SHA256.HashDataAsync(new PatternStream(Size)), received);
        Assert.True(growth < Size / 2, $"peak resident memory grew by {growth / (1024 * 1024)} MiB serving a {Size / (1024 * 1024)} MiB file");
    }

    private static async Task<(HttpResponseMessage Response, string Body)> AddAsync(HostProcess host)
    {
        using var form = new MultipartFormDataContent();
        using var file = new StreamContent(new PatternStream(Size));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "large.bin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v0/add") { Content = form };
        request.Headers.TransferEncodingChunked = true;
        var response = await host.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>A deterministic, non-repeating-per-chunk byte stream of a given length that never holds it in memory.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var p = _position + i;
                buffer[offset + i] = (byte)((p * 2654435761L) >> 13 ^ p >> 20);
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
