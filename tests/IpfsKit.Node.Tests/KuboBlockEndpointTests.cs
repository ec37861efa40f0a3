using System.Net;
using System.Text.Json;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Node.Tests;

/// <summary>
/// What a master calls on a worker host to push shards (block/put, block/stat, pin/add|rm|ls, block/get, repo/stat, repo/gc),
/// on the real host process: raw HTTP with Kubo's arguments, then <see cref="KuboRpcTransport"/> and the
/// <see cref="ShardExecutor"/> against the host.
/// </summary>
[Trait("Category", "Host")]
public sealed class KuboBlockEndpointTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private HttpClient Client => fixture.Host.Client;

    [Theory]
    [InlineData("cid-codec=raw", 1)]
    [InlineData("format=raw&mhtype=sha2-256&version=1", 1)]
    [InlineData("", 1)]
    public async Task BlockPut_RawBlock_AnswersKuboKeyAndStatAgrees(string query, int version)
    {
        var data = System.Text.Encoding.UTF8.GetBytes("block put " + query);
        var expected = Block.Create(data, Multicodec.Raw, version).Cid;

        using var put = await PostFileAsync($"api/v0/block/put?{query}", data);
        using var stat = await Client.PostAsync(new Uri($"api/v0/block/stat?arg={expected}", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var answer = JsonDocument.Parse(await put.Content.ReadAsStringAsync());
        Assert.Equal(expected.ToString(), answer.RootElement.GetProperty("Key").GetString());
        Assert.Equal(data.Length, answer.RootElement.GetProperty("Size").GetInt32());
        using var statAnswer = JsonDocument.Parse(await stat.Content.ReadAsStringAsync());
        Assert.Equal(data.Length, statAnswer.RootElement.GetProperty("Size").GetInt32());
    }

    [Fact]
    public async Task BlockPut_UnknownCodec_Answers400()
    {
        using var put = await PostFileAsync("api/v0/block/put?cid-codec=nonsense", [1, 2, 3]);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("nonsense", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KuboRpcTransport_PutPinStatGetListUnpin_RoundTripsThroughTheHost()
    {
        var transport = new KuboRpcTransport(Client);
        var store = new MemoryBlockStore();
        var data = new byte[300_000];
        new Random(5).NextBytes(data);
        var root = (await new UnixFsImporter(store, ImportOptions.UnixFsV0Of2015).AddFileAsync(new MemoryStream(data))).Cid;

        await foreach (var block in store.EnumerateAsync())
        {
            await transport.PutBlockAsync((await store.GetAsync(block))!);
        }

        await transport.PinAsync(root, PinMode.Recursive);
        var rootBlock = (await store.GetAsync(root))!;

        Assert.Equal(rootBlock.Size, (await transport.StatBlockAsync(root)).Size);
        Assert.Equal(rootBlock.Data.ToArray(), (await transport.GetBlockAsync(root)).Data.ToArray());
        Assert.Contains(new PinEntry(root, PinMode.Recursive), await transport.ListPinsAsync(PinMode.Recursive).ToListAsync());
        Assert.True((await transport.RepoStatAsync()).NumObjects > 0);
        using (var only = await Client.PostAsync(new Uri($"api/v0/pin/ls?arg={root.ToV1()}&type=recursive", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, only.StatusCode);
        }

        await transport.UnpinAsync(root, PinMode.Recursive);

        Assert.DoesNotContain(await transport.ListPinsAsync().ToListAsync(), p => p.Cid.ToV1() == root.ToV1());
    }

    [Fact]
    public async Task KuboRpcTransport_CollectGarbage_RemovesTheUnpinnedDagKeepsThePinnedOne()
    {
        var transport = new KuboRpcTransport(Client);
        var kept = await PutDagAsync(transport, 11);
        var dropped = await PutDagAsync(transport, 12);
        await transport.PinAsync(kept.Root, PinMode.Recursive);
        await transport.PinAsync(dropped.Root, PinMode.Recursive);
        await transport.UnpinAsync(dropped.Root, PinMode.Recursive);
        var before = await transport.RepoStatAsync();

        var removed = (await transport.CollectGarbageAsync().ToListAsync()).Select(c => c.ToV1()).ToHashSet();

        Assert.Superset(dropped.Blocks.Select(c => c.ToV1()).ToHashSet(), removed);
        Assert.DoesNotContain(removed, kept.Blocks.Select(c => c.ToV1()).Contains);
        var after = await transport.RepoStatAsync();
        Assert.True(before.RepoSize - after.RepoSize >= dropped.Bytes, $"repo {before.RepoSize} → {after.RepoSize}, the dropped DAG is {dropped.Bytes} bytes");
        foreach (var cid in kept.Blocks)
        {
            Assert.True((await transport.StatBlockAsync(cid)).Size > 0);
        }
    }

    [Fact]
    public async Task RepoGc_RawHttp_StreamsKuboKeyLinesAndSilentWritesNothing()
    {
        var data = System.Text.Encoding.UTF8.GetBytes("repo gc line");
        var cid = Block.Create(data, Multicodec.Raw, 1).Cid;
        using (await PostFileAsync("api/v0/block/put?cid-codec=raw", data))
        {
        }

        using var gc = await Client.PostAsync(new Uri("api/v0/repo/gc?quiet=true", UriKind.Relative), null);
        var lines = (await gc.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (await PostFileAsync("api/v0/block/put?cid-codec=raw", data))
        {
        }

        using var silent = await Client.PostAsync(new Uri("api/v0/repo/gc?silent=true", UriKind.Relative), null);
        using var bad = await Client.PostAsync(new Uri("api/v0/repo/gc?quiet=maybe", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, gc.StatusCode);
        Assert.Contains(lines, line => JsonDocument.Parse(line).RootElement.GetProperty("Key").GetProperty("/").GetString() == cid.ToString());
        Assert.Equal(HttpStatusCode.OK, silent.StatusCode);
        Assert.Empty(await silent.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("quiet", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShardExecutor_HostAsTarget_PlacesAndVerifiesEveryPin()
    {
        var targets = new Dictionary<string, IIpfsTransport> { ["host"] = new KuboRpcTransport(Client) };
        var store = new MemoryBlockStore();
        var data = new byte[3 * 1024 * 1024];
        new Random(9).NextBytes(data);
        var root = (await new UnixFsImporter(store, new ImportOptions { CidVersion = 1 }).AddFileAsync(new MemoryStream(data))).Cid;
        var outline = await DagOutlineReader.ReadAsync(store, root);
        var plan = ShardPlanner.Plan(outline, new ClusterNode("c", [new TargetNode("host", 1L << 40, 1L << 40)]), new ShardingOptions { LinkThreshold = 4, MinRangeBytes = 1 });
        using var executor = await ShardExecutor.OpenAsync();

        var result = await executor.ExecuteAsync(plan, targets, store);

        result.EnsureSuccess();
        Assert.True(result.BlocksSent > 0);
        Assert.NotNull(await new ClusterBlockSource(plan, targets).GetAsync(root));
    }

    private static async Task<(Cid Root, List<Cid> Blocks, long Bytes)> PutDagAsync(KuboRpcTransport transport, int seed)
    {
        var store = new MemoryBlockStore();
        var data = new byte[700_000];
        new Random(seed).NextBytes(data);
        var root = (await new UnixFsImporter(store, new ImportOptions { CidVersion = 1 }).AddFileAsync(new MemoryStream(data))).Cid;
        var blocks = new List<Cid>();
        long bytes = 0;
        await foreach (var cid in store.EnumerateAsync())
        {
            var block = (await store.GetAsync(cid))!;
            await transport.PutBlockAsync(block);
            blocks.Add(cid);
            bytes += block.Size;
        }

        return (root, blocks, bytes);
    }

    private Task<HttpResponseMessage> PostFileAsync(string path, byte[] data)
    {
        var content = new MultipartFormDataContent { { new ByteArrayContent(data), "file", "blob" } };
        return Client.PostAsync(new Uri(path, UriKind.Relative), content);
    }
}
