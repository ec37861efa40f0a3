using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// Clients we did not write read the host's trustless gateway: tests/gateway-clients/trustless.mjs parses CAR
/// responses with <c>@ipld/car</c> (or fetches <c>?format=raw</c> blocks one by one), checks every block's hash against
/// its CID, and rebuilds files and folders with <c>ipfs-unixfs-exporter</c>; the test compares them with the originals
/// byte for byte and the blocks with what Kubo's import makes. Needs Node.js 20+ and npm (see <see cref="GatewayClients"/>).
/// </summary>
[Trait("Category", "Gateway")]
public sealed class GatewayForeignClientTests(GatewayTestTree tree, ITestOutputHelper output) : IClassFixture<GatewayTestTree>
{
    private const int Chunk = 262_144;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Theory]
    [InlineData("format")]
    [InlineData("accept")]
    public async Task Car_DagScopeAll_EveryBlockVerifiedAndTreeRebuiltByteForByte(string via)
    {
        var result = await RunAsync("car", tree.RootCid, "", via);

        var contentType = result.GetProperty("contentType").GetString()!;
        Assert.StartsWith("application/vnd.ipld.car", contentType, StringComparison.Ordinal);
        Assert.Contains("version=1", contentType, StringComparison.Ordinal);
        Assert.StartsWith("attachment", result.GetProperty("contentDisposition").GetString(), StringComparison.Ordinal);
        var blocks = Blocks(result);
        var expected = await tree.ExpectedBlocksAsync();
        Assert.Equal(expected.Order(StringComparer.Ordinal), blocks.Distinct().Order(StringComparer.Ordinal));
        if (!contentType.Contains("dups=y", StringComparison.Ordinal))
        {
            Assert.Equal(blocks.Count, blocks.Distinct().Count());
        }

        GatewayTestTree.AssertSameTree(tree.Tree, Out(result));
        output.WriteLine($"{_clock.Elapsed}: {blocks.Count} blocks verified ({contentType}), tree rebuilt and equal");
    }

    [Fact]
    public async Task Car_FileByPathEntityScope_PathBlockAndTheFilesBlocksOnly()
    {
        var result = await RunAsync("car", tree.RootCid + "/big.bin", "dag-scope=entity");

        var expected = await tree.ExpectedBlocksAsync("big.bin");
        expected.Add(tree.RootCid);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Blocks(result).Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(tree.Tree, "big.bin")), File.ReadAllBytes(Out(result)));
        output.WriteLine($"{_clock.Elapsed}: {Blocks(result).Count} blocks for /big.bin, file equal");
    }

    [Fact]
    public async Task Car_FileByPathBlockScope_PathBlockAndTheFilesRootBlockOnly()
    {
        var result = await RunAsync("car", tree.RootCid + "/big.bin", "dag-scope=block");

        Assert.Equal([tree.RootCid, tree.Cids["tree/big.bin"]], Blocks(result));
    }

    [Theory]
    [InlineData("dag-scope=entity")]
    [InlineData("entity-bytes=0:10")] // ignored for a directory: the same as dag-scope=entity
    public async Task Car_DirectoryEntityScope_EntriesListedFromTheDirectoryBlockAlone(string query)
    {
        var result = await RunAsync("car", tree.RootCid, query);

        Assert.Equal([tree.RootCid], Blocks(result));
        Assert.Equal(
            ["big.bin", "empty", "hello.txt", "many", "pic.png", "site", "sub", "ünï cödé.txt"],
            result.GetProperty("entries").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Car_HamtDirectoryEntityScope_ShardBlocksOnlyAndEveryEntryListed()
    {
        var result = await RunAsync("car", tree.RootCid + "/many", "dag-scope=entity");

        Assert.Equal("hamt-sharded-directory", result.GetProperty("unixfsType").GetString());
        var expected = await tree.ExpectedBlocksAsync("many");
        expected.Remove(tree.Cids["tree/many/" + GatewayTestTree.ManyNames[0]]); // the one leaf every file shares
        expected.Add(tree.RootCid);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Blocks(result).Order(StringComparer.Ordinal));
        Assert.Equal(GatewayTestTree.ManyNames.Order(StringComparer.Ordinal), result.GetProperty("entries").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        output.WriteLine($"{_clock.Elapsed}: {Blocks(result).Count} blocks (the path's and the HAMT's), {GatewayTestTree.ManyNames.Count} entries");
    }

    [Theory]
    [InlineData("300000:700000", 300_000, 700_000, false)]
    [InlineData("0:0", 0, 0, false)]
    [InlineData("-1000:*", 1_000_001 - 1000, 1_000_000, false)]
    [InlineData("999990:5000000", 999_990, 1_000_000, false)]
    [InlineData("300000:700000", 300_000, 700_000, true)]
    [InlineData("-1000:*", 1_000_001 - 1000, 1_000_000, true)]
    public async Task Car_EntityBytes_RangeRebuiltFromTheLeavesItCovers(string range, int from, int to, bool cidV1RawLeaves)
    {
        var result = await RunAsync("car", cidV1RawLeaves ? tree.BigV1Cid : tree.Cids["tree/big.bin"], "entity-bytes=" + range);

        var original = File.ReadAllBytes(Path.Combine(tree.Tree, "big.bin"));
        Assert.Equal(original[from..(to + 1)], File.ReadAllBytes(Out(result)));
        var leaves = (to / Chunk) - (from / Chunk) + 1;
        Assert.Equal(1 + leaves, Blocks(result).Count); // the file's root and the leaves under [from, to]
        output.WriteLine($"{_clock.Elapsed}: entity-bytes={range}: {Blocks(result).Count} blocks, {to - from + 1} bytes equal");
    }

    [Theory]
    [InlineData("format")]
    [InlineData("accept")]
    public async Task Raw_EveryBlockFetchedVerifiedAndTreeRebuiltByteForByte(string via)
    {
        var result = await RunAsync("raw", tree.RootCid, via);

        var expected = await tree.ExpectedBlocksAsync();
        Assert.Equal(expected.Order(StringComparer.Ordinal), Blocks(result).Distinct().Order(StringComparer.Ordinal));
        GatewayTestTree.AssertSameTree(tree.Tree, Out(result));
        output.WriteLine($"{_clock.Elapsed}: {Blocks(result).Count} raw blocks fetched and verified, tree rebuilt and equal");
    }

    /// <summary>The client is not a rubber stamp: bytes that do not hash to the requested CID make it fail.</summary>
    [Fact]
    public async Task Raw_BlockNotMatchingItsCid_ClientRefusesIt()
    {
        using var liar = new HttpListener();
        var port = HostProcess.FreePort();
        liar.Prefixes.Add($"http://127.0.0.1:{port}/");
        liar.Start();
        var serving = Task.Run(async () =>
        {
            var context = await liar.GetContextAsync();
            context.Response.ContentType = "application/vnd.ipld.raw";
            await context.Response.OutputStream.WriteAsync("hello world\n"u8.ToArray()); // the file's bytes, not its dag-pb block
            context.Response.Close();
        });

        var (code, errors) = await GatewayClients.RunFailingAsync("trustless.mjs", "raw", $"http://127.0.0.1:{port}", "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", Path.Combine(tree.Scratch, "liar"));

        await serving;
        Assert.Equal(1, code);
        Assert.Contains("block hash does not match its CID", errors, StringComparison.Ordinal);
    }

    private static List<string> Blocks(JsonElement result) =>
        result.GetProperty("blocks").EnumerateArray().Select(b => b.GetString()!).ToList();

    private string Out(JsonElement result) => result.GetProperty("out").GetString()!;

    private async Task<JsonElement> RunAsync(string mode, string contentPath, params string[] rest)
    {
        var target = Path.Combine(tree.Scratch, "out-" + Guid.NewGuid().ToString("N"));
        var result = await GatewayClients.RunAsync("trustless.mjs", [mode, tree.Gateway, contentPath, target, .. rest]);
        output.WriteLine($"{_clock.Elapsed}: {mode} {contentPath} {string.Join(' ', rest)}: {result.GetProperty("verified")} blocks verified");

        // When the gateway announces order=dfs, the blocks must come in a depth-first walk's order (the client checks).
        Assert.False(mode == "car" && result.GetProperty("dfs").ValueKind == JsonValueKind.False, "blocks not in depth-first order: " + result);
        return result;
    }
}
