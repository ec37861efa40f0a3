using System.Net;
using System.Text;
using IpfsKit.Errors;
using IpfsKit.IpfsCluster;
using IpfsKit.Testing.Cluster;
using IpfsKit.Transports;
using static IpfsKit.Testing.Cluster.ClusterSamples;

namespace IpfsKit.Tests.Cluster;

/// <summary>
/// The cluster client against <see cref="FakeClusterApi"/>, which replays answers shaped as IPFS Cluster writes them
/// (<see cref="ClusterSamples"/>): IPFS Cluster cannot be installed here, so these are contract tests, not interop tests.
/// </summary>
[Trait("Category", "Transport")]
[Trait("Kind", "Contract")]
public sealed class IpfsClusterClientTests
{
    [Fact]
    public async Task Id_BasicAuth_SendsHeaderAndParsesPeer()
    {
        using var api = new FakeClusterApi(_ => new Reply(200, Id));
        using var http = api.CreateClient();
        var client = new IpfsClusterClient(http, new IpfsClusterClientOptions { Username = "admin", Password = "s3cret" });

        var peer = await client.IdAsync();

        var request = Assert.Single(api.Requests);
        Assert.Equal(("GET", "/id"), (request.Method, request.PathAndQuery));
        Assert.Equal("Basic " + Convert.ToBase64String("admin:s3cret"u8.ToArray()), request.Authorization);
        Assert.Equal(Peer1, peer.Id);
        Assert.Equal([Peer1, Peer2], peer.ClusterPeers);
        Assert.Equal("1.1.6", peer.Version);
        Assert.Equal("/ipfscluster/1.0/rpc", peer.RpcProtocolVersion);
        Assert.Equal("12D3KooWQmv1Ehb2Nc2aNbWcZ4oQ3p9yhYhxgBHmCbnaoHPWcpnx", peer.Ipfs.Id);
        Assert.Equal("cluster-0", peer.PeerName);
    }

    [Fact]
    public async Task Metrics_Freespace_ParsesEachPeersMetric()
    {
        using var api = new FakeClusterApi(_ => new Reply(200, FreeSpaceMetrics));
        using var http = api.CreateClient();

        var metrics = await new IpfsClusterClient(http).MetricsAsync("freespace").ToListAsync();

        Assert.Equal(("GET", "/monitor/metrics/freespace"), (Assert.Single(api.Requests).Method, api.Requests.Single().PathAndQuery));
        Assert.Equal([(Peer1, "6000000000", true), (Peer2, "4000000000", true)], metrics.Select(m => (m.Peer, m.Value, m.Valid)));
        Assert.All(metrics, m => Assert.Equal(("freespace", 1764928770000000000L), (m.Name, m.ReceivedAt)));
    }

    [Fact]
    public async Task Version_BearerToken_SendsHeaderAndParses()
    {
        using var api = new FakeClusterApi(_ => new Reply(200, """{"version":"1.1.6"}"""));
        using var http = api.CreateClient();

        var version = await new IpfsClusterClient(http, new IpfsClusterClientOptions { BearerToken = "eyJhbGciOi.x.y" }).VersionAsync();

        Assert.Equal("1.1.6", version);
        Assert.Equal("Bearer eyJhbGciOi.x.y", Assert.Single(api.Requests).Authorization);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Peers_NdjsonOrJsonArray_ParsesEveryPeer(bool ndjson)
    {
        // Cluster 1.0+ streams NDJSON (StreamResponse); 0.x answered one JSON array.
        var body = ndjson ? Id.ReplaceLineEndings(string.Empty) + "\n" + PeerWithError + "\n" : "[" + Id + "," + PeerWithError + "]";
        using var api = new FakeClusterApi(_ => new Reply(200, body));
        using var http = api.CreateClient();

        var peers = await new IpfsClusterClient(http).PeersAsync().ToListAsync();

        Assert.Equal([Peer1, Peer2], peers.Select(p => p.Id));
        Assert.Equal("context deadline exceeded", peers[1].Error);
        Assert.Empty(peers[1].Addresses); // JSON null reads as empty
        Assert.Null(Assert.Single(api.Requests).Authorization);
    }

    [Fact]
    public async Task Pins_NoContent_IsEmpty()
    {
        using var api = new FakeClusterApi(_ => new Reply(204));
        using var http = api.CreateClient();

        Assert.Empty(await new IpfsClusterClient(http).PinsAsync().ToListAsync());
    }

    [Fact]
    public async Task Add_NonSeekableStream_StreamsMultipartWithOptionsAndReturnsRoot()
    {
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);
        using var api = new FakeClusterApi(_ => new Reply(200, AddedLeaf + "\n" + AddedRoot + "\n"));
        using var http = api.CreateClient();
        var lines = new List<IpfsClusterAddedOutput>();
        var options = new IpfsClusterAddOptions { FileName = "a.bin", Name = "backup", ReplicationMin = 2, ReplicationMax = 3, CidVersion = 1, RawLeaves = true, Chunker = "size-1024", Local = true };

        var root = await new IpfsClusterClient(http).AddAsync(new NonSeekableStream(bytes), options, new SyncProgress<IpfsClusterAddedOutput>(lines.Add));

        var request = Assert.Single(api.Requests);
        Assert.Equal(("POST", "/add"), (request.Method, request.PathAndQuery.Split('?')[0]));
        Assert.Equal("true", request.Query["stream-channels"]);
        Assert.Equal(("backup", "2", "3", "1", "true", "size-1024", "true"), (request.Query["name"], request.Query["replication-min"], request.Query["replication-max"], request.Query["cid-version"], request.Query["raw-leaves"], request.Query["chunker"], request.Query["local"]));
        Assert.StartsWith("multipart/form-data; boundary=", request.ContentType, StringComparison.Ordinal);
        Assert.True(request.Chunked, "an upload of unknown length is streamed with chunked transfer encoding, not buffered");
        var text = Encoding.Latin1.GetString(request.Body);
        Assert.Contains("Content-Disposition: form-data; name=\"file\"; filename=\"a.bin\"", text, StringComparison.Ordinal);
        var start = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        Assert.Equal(bytes, request.Body[start..(start + bytes.Length)]);
        Assert.Equal(2, lines.Count);
        Assert.Equal(IpfsKit.Content.Cid.Parse(CidV1), root.Cid);
        Assert.Equal(300_114UL, root.Size);
        Assert.Equal([Peer1], root.Allocations);
    }

    [Fact]
    public async Task Allocations_Filter_SendsTypeNamesAndParsesPins()
    {
        using var api = new FakeClusterApi(_ => new Reply(200, Pin.ReplaceLineEndings(string.Empty) + "\n"));
        using var http = api.CreateClient();

        var pins = await new IpfsClusterClient(http).AllocationsAsync(IpfsClusterPinTypes.Pin | IpfsClusterPinTypes.Shard).ToListAsync();

        Assert.Equal("pin,shard-pin", Assert.Single(api.Requests).Query["filter"]);
        var pin = Assert.Single(pins);
        Assert.Equal(IpfsKit.Content.Cid.Parse(CidText), pin.Cid);
        Assert.Equal(("pin", "recursive", -1, 2, 3), (pin.Type, pin.Mode, pin.MaxDepth, pin.ReplicationMin, pin.ReplicationMax));
        Assert.Null(pin.Reference);
        Assert.Equal("ops", pin.Metadata["owner"]);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), pin.ExpireAt);
    }

    [Fact]
    public async Task AllocationAndPinStatus_ByCid_ParsePinAndPeerMap()
    {
        using var api = new FakeClusterApi(r => new Reply(200, r.PathAndQuery.StartsWith("/allocations/", StringComparison.Ordinal) ? Pin : Status));
        using var http = api.CreateClient();
        var client = new IpfsClusterClient(http);
        var cid = IpfsKit.Content.Cid.Parse(CidText);

        var allocation = await client.AllocationAsync(cid);
        var status = await client.PinStatusAsync(cid);

        Assert.Equal(["/allocations/" + CidText, "/pins/" + CidText], api.Requests.Select(r => r.PathAndQuery));
        Assert.Equal([Peer1, Peer2], allocation.Allocations);
        Assert.Equal(IpfsClusterTrackerStatus.Pinned, status.PeerMap[Peer1].Status);
        Assert.Equal(IpfsClusterTrackerStatus.PinError, status.PeerMap[Peer2].Status);
        Assert.Equal(("context canceled", 3, true), (status.PeerMap[Peer2].Error, status.PeerMap[Peer2].AttemptCount, status.PeerMap[Peer2].PriorityPin));
        Assert.Empty(status.Metadata);
    }

    [Fact]
    public async Task Pins_StatusFilter_SendsCommaSeparatedNames()
    {
        using var api = new FakeClusterApi(_ => new Reply(200, Status.ReplaceLineEndings(string.Empty) + "\n"));
        using var http = api.CreateClient();

        var pins = await new IpfsClusterClient(http).PinsAsync(IpfsClusterTrackerStatus.Pinned | IpfsClusterTrackerStatus.PinError).ToListAsync();

        Assert.Equal("pin_error,pinned", Assert.Single(api.Requests).Query["filter"]);
        Assert.Single(pins);
    }

    [Fact]
    public async Task Pin_Options_SentAsQuery()
    {
        using var api = new FakeClusterApi(_ => new Reply(200, Pin));
        using var http = api.CreateClient();
        var options = new IpfsClusterPinOptions
        {
            Name = "my backup", Mode = PinMode.Direct, ReplicationMin = 2, ReplicationMax = 3, UserAllocations = [Peer1, Peer2],
            ExpireIn = TimeSpan.FromHours(1), Metadata = new Dictionary<string, string> { ["owner"] = "ops" },
        };

        var pin = await new IpfsClusterClient(http).PinAsync(IpfsKit.Content.Cid.Parse(CidText), options);

        var request = Assert.Single(api.Requests);
        Assert.Equal(("POST", "/pins/" + CidText), (request.Method, request.PathAndQuery.Split('?')[0]));
        var q = request.Query;
        Assert.Equal(("my backup", "direct", "2", "3", $"{Peer1},{Peer2}", "3600000ms", "ops"), (q["name"], q["mode"], q["replication-min"], q["replication-max"], q["user-allocations"], q["expire-in"], q["meta-owner"]));
        Assert.Equal("backup", pin.Name);
    }

    [Fact]
    public async Task UnpinRecoverHealth_UseTheirRoutes()
    {
        using var api = new FakeClusterApi(r => r.PathAndQuery switch
        {
            "/health" => new Reply(204),
            var p when p.EndsWith("/recover", StringComparison.Ordinal) => new Reply(200, Status),
            _ => new Reply(200, Pin),
        });
        using var http = api.CreateClient();
        var client = new IpfsClusterClient(http);
        var cid = IpfsKit.Content.Cid.Parse(CidText);

        await client.UnpinAsync(cid);
        var recovered = await client.RecoverAsync(cid);
        await client.HealthAsync();

        Assert.Equal(["DELETE /pins/" + CidText, "POST /pins/" + CidText + "/recover", "GET /health"], api.Requests.Select(r => r.Method + " " + r.PathAndQuery));
        Assert.Equal(2, recovered.PeerMap.Count);
    }

    [Fact]
    public async Task ErrorBody_CodeAndMessage_ThrowsRemote()
    {
        using var api = new FakeClusterApi(_ => new Reply(404, NotFound));
        using var http = api.CreateClient();

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => new IpfsClusterClient(http).PinStatusAsync(IpfsKit.Content.Cid.Parse(CidText)));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("cid not found in the global state", error.RemoteMessage);
        Assert.Equal("404", error.RemoteCode);
    }

    [Fact]
    public async Task ErrorBody_PlainText_ThrowsRemoteWithText()
    {
        using var api = new FakeClusterApi(_ => new Reply(401, "Unauthorized", "text/plain"));
        using var http = api.CreateClient();

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => new IpfsClusterClient(http).HealthAsync());

        Assert.Equal((HttpStatusCode.Unauthorized, "Unauthorized"), (error.StatusCode, error.RemoteMessage));
    }

    [Fact]
    public async Task Stream_ErrorTrailer_ItemsThenRemoteException()
    {
        var (root, served) = FakeClusterApi.ServeChunkedWithTrailerAsync(Status.ReplaceLineEndings(string.Empty) + "\n", "pin tracker: context canceled");
        using var http = new HttpClient { BaseAddress = root };
        var seen = new List<IpfsClusterPinStatus>();

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(async () =>
        {
            await foreach (var status in new IpfsClusterClient(http).PinsAsync())
            {
                seen.Add(status);
            }
        });

        await served;
        Assert.Single(seen);
        Assert.Equal("pin tracker: context canceled", error.RemoteMessage);
        Assert.Equal("X-Stream-Error", error.RemoteCode);
    }

    [Fact]
    public async Task Stream_EmptyErrorTrailer_IsSuccess()
    {
        // StreamResponse always sets the trailer, empty when nothing failed ("Javascript-browser-land stuff").
        var (root, served) = FakeClusterApi.ServeChunkedWithTrailerAsync(Id.ReplaceLineEndings(string.Empty) + "\n", string.Empty);
        using var http = new HttpClient { BaseAddress = root };

        Assert.Single(await new IpfsClusterClient(http).PeersAsync().ToListAsync());
        await served;
    }

    [Fact]
    public void Options_BasicAndBearer_Rejected() =>
        Assert.Throws<ArgumentException>(() => new IpfsClusterClient(new HttpClient(), new IpfsClusterClientOptions { Username = "a", BearerToken = "t" }));

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
