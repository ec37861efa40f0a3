using System.Diagnostics;
using System.Net;
using System.Text.Json;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests;

/// <summary>
/// IpfsKit behind IPFS Cluster: every call IPFS Cluster's ipfshttp connector (ipfsconn/ipfshttp/ipfshttp.go) makes
/// to its IPFS daemon, sent to a real host process as the connector sends it — <c>POST /api/v0/…</c> with its exact
/// query arguments, no Authorization header, an empty body except <c>block/put</c>'s multipart stream of blocks —
/// asserting the fields the connector parses (its response structs: <c>ipfsIDResp</c>, <c>ipfsPinsResp</c>,
/// <c>api.IPFSPinInfo</c>, <c>api.IPFSRepoStat</c>, <c>ipfsRepoGCResp</c>, <c>ipfsResolveResp</c>,
/// <c>ipfsSwarmPeersResp</c>, <c>ipfsBlockPutResp</c>, and <c>ipfsError.Message</c> on a non-200 answer).
/// IPFS Cluster itself cannot run here.
/// </summary>
[Trait("Category", "Engines")]
public sealed partial class IpfsClusterConnectorTests(OpenHostFixture fixture, ITestOutputHelper output) : IClassFixture<OpenHostFixture>
{
    [Fact]
    public async Task Connector_PinLifecycle_EveryCallAnswersWhatTheConnectorParses()
    {
        var dag = await DagAsync(3 * 1024 * 1024, seed: 14); // a body above the old 2 MiB + 64 KiB block/put limit
        var root = dag.Root.ToString();

        // PinLsCid before pinning: an error whose Message ends in "not pinned" is "unpinned" to the connector.
        var before = await PostAsync($"pin/ls?stream=true&arg={root}&type=recursive");
        Assert.Equal(HttpStatusCode.InternalServerError, before.Status);
        Assert.EndsWith("not pinned", Message(before.Body), StringComparison.Ordinal);

        // BlockStream: one multipart body of every block, the query built from the first block's prefix.
        var put = await PostAsync("block/put?allow-big-block=true&cid-codec=dag-pb&mhlen=32&mhtype=sha2-256&pin=false", BlockStream(dag.Blocks));
        Assert.Equal(HttpStatusCode.OK, put.Status);
        var keys = Lines(put.Body).Select(l => (Hash: Cid.Parse(l.GetProperty("Key").GetString()!).Hash, Size: l.GetProperty("Size").GetInt32())).ToList();
        Assert.Equal(dag.Blocks.Select(b => (b.Cid.Hash, b.Size)).OrderBy(k => k.Hash.ToString()), keys.OrderBy(k => k.Hash.ToString()));

        // pinProgress: NDJSON objects with Progress, the last with Pins.
        var pin = await PostAsync($"pin/add?arg={root}&recursive=true&progress=true");
        Assert.Equal(HttpStatusCode.OK, pin.Status);
        var progress = Lines(pin.Body);
        Assert.Equal([root], progress[^1].GetProperty("Pins").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(dag.Blocks.Count, progress[^2].GetProperty("Progress").GetInt32());
        Assert.Equal(dag.Bytes, progress[^2].GetProperty("Bytes").GetInt64());

        var one = Lines((await PostAsync($"pin/ls?stream=true&arg={root}&type=recursive")).Body);
        Assert.Equal((root, "recursive"), (one.Single().GetProperty("Cid").GetString(), one.Single().GetProperty("Type").GetString()));
        var all = Lines((await PostAsync("pin/ls?stream=true&type=recursive")).Body);
        Assert.Contains(all, p => p.GetProperty("Cid").GetString() == root && p.GetProperty("Type").GetString() == "recursive");
        using (var map = JsonDocument.Parse((await PostAsync("pin/ls?type=recursive")).Body))
        {
            Assert.Equal("recursive", map.RootElement.GetProperty("Keys").GetProperty(root).GetProperty("Type").GetString());
        }

        using (var stat = JsonDocument.Parse((await PostAsync("repo/stat?size-only=true")).Body))
        {
            Assert.InRange(stat.RootElement.GetProperty("RepoSize").GetInt64(), dag.Bytes, long.MaxValue);
            Assert.InRange(stat.RootElement.GetProperty("StorageMax").GetInt64(), 1, long.MaxValue);
            Assert.Equal(0, stat.RootElement.GetProperty("NumObjects").GetInt64()); // size-only, as Kubo
        }

        // Unpin, then again: the connector ignores exactly boxo's ErrNotPinned message.
        var rm = await PostAsync($"pin/rm?arg={root}");
        using (var rmAnswer = JsonDocument.Parse(rm.Body))
        {
            Assert.Equal(root, rmAnswer.RootElement.GetProperty("Pins")[0].GetString());
        }

        var again = await PostAsync($"pin/rm?arg={root}");
        Assert.Equal(HttpStatusCode.InternalServerError, again.Status);
        Assert.Equal("not pinned or pinned indirectly", Message(again.Body));

        // RepoGC: {"Key":{"/":cid}} lines (and {"Error"} ones, none here).
        var gc = await PostAsync("repo/gc?stream-errors=true");
        var removed = Lines(gc.Body).Select(l => Cid.Parse(l.GetProperty("Key").GetProperty("/").GetString()!).Hash).ToHashSet();
        Assert.True(dag.Blocks.All(b => removed.Contains(b.Cid.Hash)), $"gc removed {removed.Count} blocks, the unpinned DAG has {dag.Blocks.Count}");
    }

    [Fact]
    public async Task Connector_NodeCalls_AnswerKuboShapes()
    {
        using var id = JsonDocument.Parse((await PostAsync("id")).Body);
        var peerId = id.RootElement.GetProperty("ID").GetString()!;
        Assert.Equal(0, Cid.Parse(peerId).Version); // a base58 multihash, what libp2p's peer.Decode reads
        Assert.Equal(JsonValueKind.Array, id.RootElement.GetProperty("Addresses").ValueKind);

        using var version = JsonDocument.Parse((await PostAsync("version")).Body);
        Assert.False(string.IsNullOrEmpty(version.RootElement.GetProperty("Version").GetString()));
        Assert.Contains("/", version.RootElement.GetProperty("System").GetString(), StringComparison.Ordinal);

        using var stat = JsonDocument.Parse((await PostAsync("repo/stat?size-only=true")).Body);
        using var config = JsonDocument.Parse((await PostAsync("config/show")).Body);
        Assert.Equal(stat.RootElement.GetProperty("StorageMax").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), config.RootElement.GetProperty("Datastore").GetProperty("StorageMax").GetString());
        Assert.Equal(peerId, config.RootElement.GetProperty("Identity").GetProperty("PeerID").GetString());
        Assert.Equal($"/ip4/127.0.0.1/tcp/{fixture.Host.Port}", config.RootElement.GetProperty("Addresses").GetProperty("API").GetString());
        Assert.False(config.RootElement.GetProperty("Identity").TryGetProperty("PrivKey", out _));

        using var peers = JsonDocument.Parse((await PostAsync("swarm/peers")).Body);
        Assert.Equal(JsonValueKind.Null, peers.RootElement.GetProperty("Peers").ValueKind); // the embedded node has no swarm; Kubo's empty answer
        var connect = await PostAsync($"swarm/connect?arg={Uri.EscapeDataString($"/ip4/127.0.0.1/tcp/4001/p2p/{peerId}")}"); // ConnectSwarms; errors only logged
        Assert.Equal(HttpStatusCode.InternalServerError, connect.Status);
        Assert.Contains("swarm/connect", Message(connect.Body), StringComparison.Ordinal);

        // Resolve: a path below a root (the connector resolves only those itself).
        var add = await PostAsync("add?wrap-with-directory=true&pin=false", new MultipartFormDataContent { { new StringContent("resolved\n"), "file", "hello.txt" } });
        var added = Lines(add.Body);
        var file = added.Single(l => l.GetProperty("Name").GetString() == "hello.txt").GetProperty("Hash").GetString();
        var dir = added.Single(l => l.GetProperty("Name").GetString() == "").GetProperty("Hash").GetString();
        using var resolved = JsonDocument.Parse((await PostAsync($"resolve?arg={Uri.EscapeDataString($"/ipfs/{dir}/hello.txt")}")).Body);
        Assert.Equal($"/ipfs/{file}", resolved.RootElement.GetProperty("Path").GetString());
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string pathAndQuery, HttpContent? body = null)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await fixture.Host.Client.PostAsync(new Uri("api/v0/" + pathAndQuery, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{pathAndQuery}: {(int)response.StatusCode} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms, {text.Length} chars: {(text.Length > 200 ? text[..200] + "…" : text.TrimEnd())}");
        return (response.StatusCode, text);
    }

    private static List<JsonElement> Lines(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static string Message(string body)
    {
        using var error = JsonDocument.Parse(body);
        return error.RootElement.GetProperty("Message").GetString()!;
    }

    /// <summary>The body of the connector's BlockStream: one file part a block (go-ipfs-files' multipart writer).</summary>
    private static MultipartFormDataContent BlockStream(IEnumerable<Block> blocks)
    {
        var content = new MultipartFormDataContent();
        foreach (var block in blocks)
        {
            content.Add(new ByteArrayContent(block.Data.ToArray()), "file", block.Cid.ToString());
        }

        return content;
    }

    /// <summary>A UnixFS file of <paramref name="size"/> random bytes as Kubo's defaults build it (CIDv0, dag-pb leaves).</summary>
    private static async Task<(Cid Root, List<Block> Blocks, long Bytes)> DagAsync(int size, int seed)
    {
        var store = new MemoryBlockStore();
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        var root = (await new UnixFsImporter(store, ImportOptions.UnixFsV0Of2015).AddFileAsync(new MemoryStream(data))).Cid;
        var blocks = new List<Block>();
        await foreach (var cid in store.EnumerateAsync())
        {
            blocks.Add((await store.GetAsync(cid))!);
        }

        return (root, blocks, blocks.Sum(b => (long)b.Size));
    }
}
