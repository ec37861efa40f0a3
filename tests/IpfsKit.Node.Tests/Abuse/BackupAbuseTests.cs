using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;
using IpfsKit.Node.Internal;
using Parquet.Serialization;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Abuse;

/// <summary>One odd pin (an identity CID, an undecodable dag-pb block) must not fail the backup of every other pin.</summary>
[Trait("Category", "Abuse")]
[Trait("Category", "Host")]
public sealed class BackupAbuseTests(ITestOutputHelper output)
{
    /// <summary>An identity CID (raw, the multihash carries the bytes), as probed in the issue.</summary>
    private const string IdentityCid = "bafkqaatine";

    [Fact]
    public async Task Exports_IdentityPinBesideANormalPin_BothSucceedWithTheNormalPin()
    {
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartReadyAsync();
        var normal = await AddAsync(host, "a normal pinned file");
        using (var pin = await PostAsync(host, $"api/v0/pin/add?arg={IdentityCid}"))
        {
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: pin/add identity -> {(int)pin.StatusCode}");
            Assert.Equal(HttpStatusCode.OK, pin.StatusCode);
        }

        using var metadata = await PostAsync(host, "api/v0/metadata/export");
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: metadata/export -> {(int)metadata.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        var rows = (await ParquetSerializer.DeserializeAsync<PinMetadataRow>(new MemoryStream(await metadata.Content.ReadAsByteArrayAsync()))).Data;
        Assert.Contains(rows, r => r.Cid == normal);
        Assert.Contains(rows, r => r.Cid == IdentityCid && r.SizeBytes == Cid.Parse(IdentityCid).Hash.Digest.Length);

        var car = await DagExportAsync(host, normal, IdentityCid);
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: dag/export -> {car.Status}, roots {string.Join(' ', car.Roots)}");
        Assert.Equal(HttpStatusCode.OK, car.Status);
        Assert.Contains(Cid.Parse(normal), car.Blocks);
        Assert.Contains(Cid.Parse(IdentityCid), car.Roots);
    }

    [Fact]
    public async Task BlockGetAndStat_IdentityCid_ServeTheDigest()
    {
        await using var host = await HostProcess.StartReadyAsync();
        var digest = Cid.Parse(IdentityCid).Hash.Digest.ToArray();

        using var get = await PostAsync(host, $"api/v0/block/get?arg={IdentityCid}");
        using var stat = await PostAsync(host, $"api/v0/block/stat?arg={IdentityCid}");
        var statBody = await stat.Content.ReadAsStringAsync();
        output.WriteLine($"block/get -> {(int)get.StatusCode}, block/stat -> {(int)stat.StatusCode} {statBody}");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(digest, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, stat.StatusCode);
        using var json = JsonDocument.Parse(statBody);
        Assert.Equal(IdentityCid, json.RootElement.GetProperty("Key").GetString());
        Assert.Equal(digest.Length, json.RootElement.GetProperty("Size").GetInt32());
    }

    [Fact]
    public async Task Exports_UndecodableDirectPin_SkippedAndReportedOthersExported()
    {
        await using var host = await HostProcess.StartReadyAsync();
        var normal = await AddAsync(host, "another normal pinned file");

        // A dag-pb CID over bytes that are not dag-pb: imported unpinned from a CAR, then pinned directly.
        var bad = Block.Create(new byte[] { 0x0A, 0xFF }, Multicodec.DagPb); // field 1, its length varint cut short
        await ImportUnpinnedAsync(host, bad);
        using (var pin = await PostAsync(host, $"api/v0/pin/add?arg={bad.Cid}&recursive=false"))
        {
            Assert.Equal(HttpStatusCode.OK, pin.StatusCode);
        }

        using var metadata = await PostAsync(host, "api/v0/metadata/export");
        var skipped = metadata.Headers.TryGetValues("X-IpfsKit-Skipped", out var values) ? string.Join(',', values) : "";
        output.WriteLine($"metadata/export -> {(int)metadata.StatusCode}, X-IpfsKit-Skipped: {skipped}");
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        var rows = (await ParquetSerializer.DeserializeAsync<PinMetadataRow>(new MemoryStream(await metadata.Content.ReadAsByteArrayAsync()))).Data;
        Assert.Contains(rows, r => r.Cid == normal);
        Assert.DoesNotContain(rows, r => r.Cid == bad.Cid.ToString());
        Assert.Contains(bad.Cid.ToString(), skipped, StringComparison.Ordinal);

        var car = await DagExportAsync(host, normal, bad.Cid.ToString());
        output.WriteLine($"dag/export -> {car.Status}, X-IpfsKit-Skipped: {car.Skipped}");
        Assert.Equal(HttpStatusCode.OK, car.Status);
        Assert.Contains(Cid.Parse(normal), car.Blocks);
        Assert.DoesNotContain(bad.Cid, car.Roots);
        Assert.Contains(bad.Cid.ToString(), car.Skipped, StringComparison.Ordinal);

        // Alone, the bad root is still the answer (as Kubo's for its one root), unless allow-empty accepts an empty CAR.
        using (var alone = await PostAsync(host, $"api/v0/dag/export?arg={bad.Cid}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        }

        using (var empty = await PostAsync(host, $"api/v0/dag/export?arg={bad.Cid}&allow-empty=true"))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.True(empty.Headers.Contains("X-IpfsKit-Skipped"));
        }

        // The backup CLI finishes and passes the report on.
        var folder = Directory.CreateTempSubdirectory("ipfskit-backup-abuse-").FullName;
        try
        {
            var cli = await Cli.CliProcess.RunAsync(["backup", "export", folder, .. Cli.CliProcess.At(host, null)]);
            output.WriteLine($"backup export -> {cli.ExitCode}: {cli.StandardError.Trim()}");
            Assert.Equal(0, cli.ExitCode);
            Assert.Contains($"leaves out: {bad.Cid} (block cannot be decoded)", cli.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> AddAsync(HostProcess host, string text)
    {
        using var form = new MultipartFormDataContent { { new StringContent(text), "file", "file.txt" } };
        using var response = await host.Client.PostAsync(new Uri("api/v0/add", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("Hash").GetString()!;
    }

    private static async Task ImportUnpinnedAsync(HostProcess host, Block block)
    {
        var car = new MemoryStream();
        await using (var writer = await CarWriter.CreateAsync(car, [block.Cid]))
        {
            await writer.WriteAsync(block);
        }

        var file = new ByteArrayContent(car.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ipld.car");
        using var form = new MultipartFormDataContent { { file, "file", "bad.car" } };
        using var response = await host.Client.PostAsync(new Uri("api/v0/dag/import?pin-roots=false", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<(HttpStatusCode Status, List<Cid> Roots, List<Cid> Blocks, string Skipped)> DagExportAsync(HostProcess host, params string[] roots)
    {
        using var body = new StringContent(string.Join('\n', roots), Encoding.UTF8, "text/plain");
        using var response = await host.Client.PostAsync(new Uri("api/v0/dag/export", UriKind.Relative), body);
        var skipped = response.Headers.TryGetValues("X-IpfsKit-Skipped", out var values) ? string.Join(',', values) : "";
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, [], [], await response.Content.ReadAsStringAsync());
        }

        var blocks = new List<Cid>();
        await using var car = await CarReader.OpenAsync(await response.Content.ReadAsStreamAsync());
        await foreach (var block in car.ReadBlocksAsync())
        {
            blocks.Add(block.Cid);
        }

        return (response.StatusCode, [.. car.Roots], blocks, skipped);
    }

    private static Task<HttpResponseMessage> PostAsync(HostProcess host, string path) =>
        host.Client.PostAsync(new Uri(path, UriKind.Relative), null);
}
