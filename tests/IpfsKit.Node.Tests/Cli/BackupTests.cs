using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IpfsKit.Node.Internal;
using Parquet.Serialization;

namespace IpfsKit.Node.Tests.Cli;

[Trait("Category", "Deployment")]
public sealed class BackupTests
{
    private const string Token = "backup-token-0123456789";

    [Fact]
    public async Task BackupExportImport_EmptyNode_RestoresPinsAndBytesAndWritesParquet()
    {
        var work = Directory.CreateTempSubdirectory("ipfskit-backup-").FullName;
        await using var a = await HostProcess.StartReadyAsync(Token);
        await using var b = await HostProcess.StartReadyAsync(Token);
        try
        {
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < 3; i++)
            {
                var file = Path.Combine(work, $"file{i}.bin");
                File.Move(CliProcess.TempFile(i == 0 ? 700_000 : 1_000 * (i + 1), 100 + i), file);
                sources[Path.GetFileName(file)] = file;
            }

            var tree = Path.Combine(work, "tree");
            Directory.CreateDirectory(Path.Combine(tree, "sub"));
            await File.WriteAllTextAsync(Path.Combine(tree, "a.txt"), "hello world\n");
            File.Move(CliProcess.TempFile(300_000, 200), Path.Combine(tree, "sub", "b.bin"));
            sources["a.txt"] = Path.Combine(tree, "a.txt");
            sources["sub/b.bin"] = Path.Combine(tree, "sub", "b.bin");

            var cids = new Dictionary<string, string>(StringComparer.Ordinal); // cid -> source file
            foreach (var path in sources.Values)
            {
                var added = await CliProcess.RunAsync(["add", "-q", path, .. CliProcess.At(a, Token)]);
                Assert.Equal(0, added.ExitCode);
                cids[added.StandardOutput.Trim()] = path;
            }

            Assert.Equal(5, cids.Count);
            var backup = Path.Combine(work, "backup");

            var exported = await CliProcess.RunAsync(["backup", "export", backup, .. CliProcess.At(a, Token)]);

            Assert.True(exported.ExitCode == 0, exported.StandardError);
            Assert.Empty(await PinLinesAsync(b));

            var imported = await CliProcess.RunAsync(["backup", "import", backup, .. CliProcess.At(b, Token)]);

            Assert.True(imported.ExitCode == 0, imported.StandardError);
            var pinsOfA = await PinLinesAsync(a);
            Assert.Equal(5, pinsOfA.Count);
            Assert.Equal(pinsOfA, await PinLinesAsync(b));
            foreach (var (cid, file) in cids)
            {
                var cat = await CliProcess.RunAsync(["cat", cid, .. CliProcess.At(b, Token)]);
                Assert.Equal(0, cat.ExitCode);
                Assert.Equal(await File.ReadAllBytesAsync(file), cat.StandardOutputBytes);
            }

            var rows = (await ParquetSerializer.DeserializeAsync<PinMetadataRow>(Path.Combine(backup, "metadata.parquet"))).Data;
            Assert.Equal(cids.Keys.Order(StringComparer.Ordinal), rows.Select(r => r.Cid));
            foreach (var row in rows)
            {
                Assert.Equal(await AddSizeAsync(a, cids[row.Cid]), row.SizeBytes);
                Assert.Equal("recursive", row.PinType);
                Assert.Equal("master", row.Role);
                Assert.Equal("", row.Placement); // a master with no workers has placed nothing
                Assert.NotNull(row.PinnedAt); // when the master's pinset ingested it
                Assert.InRange(row.PinnedAt.Value, row.ExportedAt.AddMinutes(-10), row.ExportedAt);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task DagExportThenImport_OtherNode_PinsTheRootAndReadsBack()
    {
        await using var a = await HostProcess.StartReadyAsync(Token);
        await using var b = await HostProcess.StartReadyAsync(Token);
        var data = new byte[900_000];
        new Random(5).NextBytes(data);
        var cid = await AddAsync(a, data);

        var car = await ExportAsync(a, cid);
        using var response = await ImportAsync(b, car);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var root = JsonDocument.Parse(lines[0]);
        Assert.Equal(cid, root.RootElement.GetProperty("Root").GetProperty("Cid").GetProperty("/").GetString());
        Assert.Equal("", root.RootElement.GetProperty("Root").GetProperty("PinErrorMsg").GetString());
        Assert.Equal([cid + " recursive"], await PinLinesAsync(b));
        using var cat = await b.Client.PostAsync(new Uri($"api/v0/cat?arg={cid}", UriKind.Relative), null);
        Assert.Equal(data, await cat.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DagImport_CorruptCar_Returns400AndPinsNothing()
    {
        await using var a = await HostProcess.StartReadyAsync(Token);
        var data = new byte[600_000];
        new Random(9).NextBytes(data);
        var cid = await AddAsync(a, data);
        var car = await ExportAsync(a, cid);
        car[^10] ^= 0xFF; // inside the last block's bytes
        await using var b = await HostProcess.StartReadyAsync(Token);

        using var response = await ImportAsync(b, car);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("corrupt, nothing pinned", error.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Equal("error", error.RootElement.GetProperty("Type").GetString());
        Assert.Empty(await PinLinesAsync(b));
    }

    private static async Task<List<string>> PinLinesAsync(HostProcess host)
    {
        var result = await CliProcess.RunAsync(["pin", "ls", .. CliProcess.At(host, Token)]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    private static async Task<string> AddAsync(HostProcess host, byte[] data, bool pin = true)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(data), "file", "data.bin" } };
        using var response = await host.Client.PostAsync(new Uri($"api/v0/add?pin={(pin ? "true" : "false")}", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("Hash").GetString()!;
    }

    /// <summary>Kubo's add <c>Size</c> (the DAG's cumulative size) of a file, added again without pinning.</summary>
    private static async Task<long> AddSizeAsync(HostProcess host, string file)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(file)), "file", "x" } };
        using var response = await host.Client.PostAsync(new Uri("api/v0/add?pin=false", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return long.Parse(json.RootElement.GetProperty("Size").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<byte[]> ExportAsync(HostProcess host, string cid)
    {
        using var response = await host.Client.PostAsync(new Uri($"api/v0/dag/export?arg={cid}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/vnd.ipld.car", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<HttpResponseMessage> ImportAsync(HostProcess host, byte[] car)
    {
        var file = new ByteArrayContent(car);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ipld.car");
        using var form = new MultipartFormDataContent { { file, "file", "dag.car" } };
        return await host.Client.PostAsync(new Uri("api/v0/dag/import", UriKind.Relative), form);
    }
}
