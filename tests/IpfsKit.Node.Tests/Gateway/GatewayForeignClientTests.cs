using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IpfsKit.Content;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// Clients we did not write read the host's trustless gateway: tests/gateway-clients/trustless.mjs parses CAR
/// responses with <c>@ipld/car</c> (or fetches <c>?format=raw</c> blocks one by one), checks every block's hash against
/// its CID, and rebuilds files and folders with <c>ipfs-unixfs-exporter</c>; the test compares them with
/// <see cref="GatewaySite"/>'s files byte for byte and the blocks with the site's DAG. Needs Node.js 20+ and npm
/// (see <see cref="GatewayClients"/>).
/// </summary>
[Trait("Category", "Gateway")]
public sealed class GatewayForeignClientTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>, IDisposable
{
    private const int Chunk = 256 * 1024;
    private const string MultiBlock = "plain/multi-block.bin";
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _scratch = Directory.CreateTempSubdirectory("ipfskit-gwc-").FullName;

    private GatewaySite Site => fixture.Site;

    [Theory]
    [InlineData("format")]
    [InlineData("accept")]
    public async Task Car_DagScopeAll_EveryBlockVerifiedAndSiteRebuiltByteForByte(string via)
    {
        var result = await RunAsync("car", Site.Root.ToString(), "", via);

        var contentType = result.GetProperty("contentType").GetString()!;
        Assert.StartsWith("application/vnd.ipld.car", contentType, StringComparison.Ordinal);
        Assert.Contains("version=1", contentType, StringComparison.Ordinal);
        Assert.StartsWith("attachment", result.GetProperty("contentDisposition").GetString(), StringComparison.Ordinal);
        var blocks = Blocks(result);
        Assert.Equal((await DagAsync(Site.Root)).Order(StringComparer.Ordinal), blocks.Distinct().Order(StringComparer.Ordinal));
        if (!contentType.Contains("dups=y", StringComparison.Ordinal))
        {
            Assert.Equal(blocks.Count, blocks.Distinct().Count());
        }

        AssertSameFiles("", Out(result));
        output.WriteLine($"{_clock.Elapsed}: {blocks.Count} blocks verified ({contentType}), {Site.Files.Count} files rebuilt and equal");
    }

    [Fact]
    public async Task Car_FileByPathEntityScope_PathBlocksAndTheFilesBlocksOnly()
    {
        var result = await RunAsync("car", $"{Site.Root}/{MultiBlock}", "dag-scope=entity");

        var expected = await DagAsync(await Site.CidOfAsync(MultiBlock));
        expected.UnionWith([Site.Root.ToString(), Site.Plain.ToString()]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Blocks(result).Order(StringComparer.Ordinal));
        Assert.Equal(Site.Files[MultiBlock], File.ReadAllBytes(Out(result)));
    }

    [Fact]
    public async Task Car_FileByPathBlockScope_PathBlocksAndTheFilesRootBlockOnly()
    {
        var result = await RunAsync("car", $"{Site.Root}/{MultiBlock}", "dag-scope=block");

        Assert.Equal([Site.Root.ToString(), Site.Plain.ToString(), (await Site.CidOfAsync(MultiBlock)).ToString()], Blocks(result));
    }

    [Theory]
    [InlineData("dag-scope=entity")]
    [InlineData("entity-bytes=0:10")] // ignored for a directory: the same as dag-scope=entity
    public async Task Car_DirectoryEntityScope_EntriesListedFromTheDirectoryBlockAlone(string query)
    {
        var result = await RunAsync("car", Site.Plain.ToString(), query);

        Assert.Equal([Site.Plain.ToString()], Blocks(result));
        Assert.Equal(Names("plain"), Entries(result));
    }

    [Fact]
    public async Task Car_HamtDirectoryEntityScope_ShardBlocksOnlyAndEveryEntryListed()
    {
        var result = await RunAsync("car", $"{Site.Root}/sharded", "dag-scope=entity");

        Assert.Equal("hamt-sharded-directory", result.GetProperty("unixfsType").GetString());
        var expected = await DagAsync(Site.Sharded);
        foreach (var name in Names("sharded"))
        {
            expected.Remove((await Site.CidOfAsync("sharded/" + name)).ToString()); // entries' blocks are not the directory's
        }

        expected.Add(Site.Root.ToString());
        Assert.Equal(expected.Order(StringComparer.Ordinal), Blocks(result).Order(StringComparer.Ordinal));
        Assert.Equal(Names("sharded"), Entries(result));
        output.WriteLine($"{_clock.Elapsed}: {Blocks(result).Count} blocks (the path's and the HAMT's), {Names("sharded").Count} entries");
    }

    [Fact]
    public async Task Car_FileByPathThroughAHamt_ProvingShardsIncludedAndFileRebuilt()
    {
        // Most entries of the site's HAMT sit in a sub-shard: the CAR must carry every shard between the root and the
        // entry, or a client that verifies the path (the exporter) stops at the first missing one.
        var names = Names("sharded");
        foreach (var name in names.Where((_, i) => i % 5 == 0))
        {
            var result = await RunAsync("car", $"{Site.Root}/sharded/{Uri.EscapeDataString(name)}", "dag-scope=entity");

            Assert.Equal(Site.Files["sharded/" + name], File.ReadAllBytes(Out(result)));
            Assert.Contains((await Site.CidOfAsync("sharded")).ToString(), Blocks(result));
        }
    }

    [Theory]
    [InlineData("300000:700000", 300_000, 700_000, false)]
    [InlineData("0:0", 0, 0, false)]
    [InlineData("-1000:*", 1_060_921 - 1000, 1_060_920, false)]
    [InlineData("1060000:5000000", 1_060_000, 1_060_920, false)] // partly past the end: the part inside
    [InlineData("300000:700000", 300_000, 700_000, true)]
    [InlineData("-1000:*", 1_060_921 - 1000, 1_060_920, true)]
    public async Task Car_EntityBytes_RangeRebuiltFromTheLeavesItCovers(string range, int from, int to, bool cidV1RawLeaves)
    {
        var original = Site.Files[MultiBlock];
        var cid = cidV1RawLeaves ? await AddCidV1Async(original) : (await Site.CidOfAsync(MultiBlock)).ToString();

        var result = await RunAsync("car", cid, "entity-bytes=" + range);

        Assert.Equal(original[from..(to + 1)], File.ReadAllBytes(Out(result)));
        var leaves = (to / Chunk) - (from / Chunk) + 1;
        Assert.Equal(1 + leaves, Blocks(result).Count); // the file's root and the leaves under [from, to]
        output.WriteLine($"{_clock.Elapsed}: entity-bytes={range}: {Blocks(result).Count} blocks, {to - from + 1} bytes equal");
    }

    [Theory]
    [InlineData("format")]
    [InlineData("accept")]
    public async Task Raw_EveryBlockFetchedVerifiedAndSiteRebuiltByteForByte(string via)
    {
        var result = await RunAsync("raw", Site.Root.ToString(), via);

        Assert.Equal((await DagAsync(Site.Root)).Order(StringComparer.Ordinal), Blocks(result).Order(StringComparer.Ordinal));
        AssertSameFiles("", Out(result));
        output.WriteLine($"{_clock.Elapsed}: {Blocks(result).Count} raw blocks fetched and verified, {Site.Files.Count} files rebuilt and equal");
    }

    /// <summary>The client is not a rubber stamp: bytes that do not hash to the requested CID make it fail.</summary>
    [Fact]
    public async Task Raw_BlockNotMatchingItsCid_ClientRefusesIt()
    {
        using var liar = new HttpListener();
        var port = FreePorts.Next();
        liar.Prefixes.Add($"http://127.0.0.1:{port}/");
        liar.Start();
        var serving = Task.Run(async () =>
        {
            var context = await liar.GetContextAsync();
            context.Response.ContentType = "application/vnd.ipld.raw";
            await context.Response.OutputStream.WriteAsync("hello world\n"u8.ToArray()); // the file's bytes, not its dag-pb block
            context.Response.Close();
        });

        var (code, errors) = await GatewayClients.RunFailingAsync("trustless.mjs", "raw", $"http://127.0.0.1:{port}", "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", Path.Combine(_scratch, "liar"));

        await serving;
        Assert.Equal(1, code);
        Assert.Contains("block hash does not match its CID", errors, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static List<string> Blocks(JsonElement result) =>
        result.GetProperty("blocks").EnumerateArray().Select(b => b.GetString()!).ToList();

    private static List<string> Entries(JsonElement result) =>
        result.GetProperty("entries").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToList();

    private static string Out(JsonElement result) => result.GetProperty("out").GetString()!;

    /// <summary>The names directly under a folder of the site, in ordinal order.</summary>
    private List<string> Names(string folder) => Site.Files.Keys
        .Where(p => p.StartsWith(folder + "/", StringComparison.Ordinal))
        .Select(p => p[(folder.Length + 1)..].Split('/')[0])
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Every block of the DAG under <paramref name="cid"/> in the site (what a full CAR of it must hold).</summary>
    private async Task<HashSet<string>> DagAsync(Cid cid)
    {
        var cids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var block in IpfsKit.Blocks.DagWalker.WalkAsync(Site.Blocks, cid, new IpfsKit.Blocks.DagWalkOptions { SkipMissing = true }, CancellationToken.None))
        {
            cids.Add(block.Cid.ToString());
        }

        return cids;
    }

    /// <summary>Asserts that a rebuilt folder holds exactly the site's files under <paramref name="prefix"/>, byte for byte.</summary>
    private void AssertSameFiles(string prefix, string folder)
    {
        var expected = Site.Files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(f => f.Key[prefix.Length..], f => f.Value);
        var actual = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(p => Path.GetRelativePath(folder, p), File.ReadAllBytes);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]), $"{path} differs from the original");
        }
    }

    /// <summary>Adds the bytes again through the host's <c>/api/v0/add</c> with <c>cid-version=1</c> (raw leaves).</summary>
    private async Task<string> AddCidV1Async(byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", "v1.bin");
        using var response = await fixture.Host.Client.PostAsync(new Uri("api/v0/add?cid-version=1", UriKind.Relative), form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var line = JsonDocument.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        return line.RootElement.GetProperty("Hash").GetString()!;
    }

    private async Task<JsonElement> RunAsync(string mode, string contentPath, params string[] rest)
    {
        var target = Path.Combine(_scratch, "out");
        var gateway = $"http://127.0.0.1:{fixture.Host.GatewayPort}";
        var result = await GatewayClients.RunAsync("trustless.mjs", [mode, gateway, contentPath, target, .. rest]);
        output.WriteLine($"{_clock.Elapsed}: {mode} {contentPath} {string.Join(' ', rest)}: {result.GetProperty("verified")} blocks verified");

        // When the gateway announces order=dfs, the blocks must come in a depth-first walk's order (the client checks).
        Assert.False(mode == "car" && result.GetProperty("dfs").ValueKind == JsonValueKind.False, "blocks not in depth-first order: " + result);
        return result;
    }
}
