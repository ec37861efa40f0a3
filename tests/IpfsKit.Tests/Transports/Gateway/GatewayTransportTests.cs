using System.Security.Cryptography;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;
using IpfsKit.Testing.PeerRig;
using IpfsKit.Transports;
using IpfsKit.Transports.Gateway;

namespace IpfsKit.Tests.Transports.Gateway;

/// <summary>
/// The gateway transport against files added to a real js-ipfs peer, read through <see cref="TestTrustlessGateway"/>:
/// the peer's own gateway does not serve <c>format=raw</c> (see that class and
/// <see cref="RealJsIpfsGateway_IgnoresFormatRaw_DeserializedBytesRejected"/>).
/// </summary>
[Collection("IpfsPeer")]
[Trait("Category", "Transport")]
public sealed class GatewayTransportTests(IpfsPeerFixture fixture) : IDisposable
{
    private readonly TestTrustlessGateway _gateway = new(fixture.Peer);

    public void Dispose() => _gateway.Dispose();

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData((1024 * 1024) + 3, false)]
    [InlineData(5 * 1024 * 1024, false)]
    [InlineData((1024 * 1024) + 3, true)]
    public async Task Cat_FileOnRealPeer_SameBytes(int size, bool cidV1)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        var cid = await AddAsync(bytes, cidV1);
        using var http = _gateway.CreateClient();
        var transport = new GatewayTransport(http);

        await using var stream = await transport.CatAsync(cid);

        Assert.Equal(bytes, await ReadAllAsync(stream));
    }

    [Theory]
    [InlineData(0, 10L)]
    [InlineData(262_143, 2L)] // across the first chunk boundary
    [InlineData(1024 * 1024, null)] // the tail
    [InlineData(500_000, 300_000L)]
    [InlineData((1024 * 1024) + 10, 5L)] // past the end: empty
    public async Task Cat_Range_ReturnsThatSlice(long offset, long? length)
    {
        var bytes = RandomNumberGenerator.GetBytes((1024 * 1024) + 3);
        var cid = await AddAsync(bytes);
        using var http = _gateway.CreateClient();

        await using var stream = await new GatewayTransport(http).CatAsync(cid, new ByteRange(offset, length));

        var start = (int)Math.Min(offset, bytes.Length);
        var end = (int)Math.Min(bytes.Length, length is { } l ? offset + l : bytes.Length);
        Assert.Equal(bytes[start..Math.Max(start, end)], await ReadAllAsync(stream));
    }

    [Fact]
    public async Task List_DirectoryOnRealPeer_NamesAndCids()
    {
        var tag = Guid.NewGuid().ToString("N");
        var added = await fixture.Peer.AddDirectoryAsync([new("dir", null), new("dir/a.txt", "alpha"u8.ToArray()), new("dir/b.bin", RandomNumberGenerator.GetBytes(300_000)), new("dir/" + tag, [])]);
        using var http = _gateway.CreateClient();

        var entries = await new GatewayTransport(http).ListAsync(Cid.Parse(added[^1].Hash)).ToListAsync();

        var expected = added.Where(e => e.Name.StartsWith("dir/", StringComparison.Ordinal)).ToDictionary(e => e.Name["dir/".Length..], e => Cid.Parse(e.Hash));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value)), entries.Select(e => (e.Name, e.Cid)));
    }

    [Fact]
    public async Task List_MultiChunkFile_ListsItsChunks()
    {
        var cid = await AddAsync(RandomNumberGenerator.GetBytes((1024 * 1024) + 3));
        using var http = _gateway.CreateClient();

        var entries = await new GatewayTransport(http).ListAsync(cid).ToListAsync();

        Assert.Equal(5, entries.Count);
        Assert.All(entries, e => Assert.Equal(string.Empty, e.Name));
    }

    [Fact]
    public async Task Cat_TamperedRootBlock_ThrowsIntegrityAndReturnsNothing()
    {
        var cid = await AddAsync("tampered root "u8.ToArray().Concat(RandomNumberGenerator.GetBytes(16)).ToArray());
        _gateway.Tampered[cid] = true;
        using var http = _gateway.CreateClient();
        Stream? stream = null;

        var error = await Assert.ThrowsAsync<IpfsKitIntegrityException>(async () => stream = await new GatewayTransport(http).CatAsync(cid));

        Assert.Null(stream);
        Assert.Equal(cid, error.Cid);
    }

    [Fact]
    public async Task Cat_TamperedLeafBlock_ReadThrowsIntegrityBeforeItsBytes()
    {
        var bytes = RandomNumberGenerator.GetBytes((1024 * 1024) + 3);
        var cid = await AddAsync(bytes);
        using var http = _gateway.CreateClient();
        var transport = new GatewayTransport(http);
        var leaf = (await transport.ListAsync(cid).ToListAsync())[2].Cid;
        _gateway.Tampered[leaf] = true;
        await using var stream = await transport.CatAsync(cid);
        var read = new MemoryStream();

        var error = await Assert.ThrowsAsync<IpfsKitIntegrityException>(() => stream.CopyToAsync(read));

        Assert.Equal(leaf, error.Cid);
        Assert.True(read.Length <= 2 * 262_144, "no byte of the tampered third chunk may be returned");
        Assert.Equal(bytes[..(int)read.Length], read.ToArray());
    }

    [Fact]
    public async Task GetBlock_Tampered_ThrowsIntegrity()
    {
        var cid = await AddAsync(RandomNumberGenerator.GetBytes(100));
        _gateway.Tampered[cid] = true;
        using var http = _gateway.CreateClient();

        await Assert.ThrowsAsync<IpfsKitIntegrityException>(() => new GatewayTransport(http).GetBlockAsync(cid));
    }

    [Fact]
    public async Task GetBlockAndStat_RealPeerBlock_VerifiedWithSize()
    {
        var cid = await AddAsync("hello world\n"u8.ToArray());
        using var http = _gateway.CreateClient();
        var transport = new GatewayTransport(http);

        var block = await transport.GetBlockAsync(cid);
        var stat = await transport.StatBlockAsync(cid);

        Assert.Equal(Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"), block.Cid);
        Assert.Equal(20, block.Size);
        Assert.Equal(new BlockStat(cid, 20), stat);
        Assert.Contains(_gateway.Requests, r => r == $"GET /ipfs/{cid}?format=raw | application/vnd.ipld.raw");
    }

    [Fact]
    public async Task Cat_GatewayAnswers404_ThrowsBlockNotFound()
    {
        var cid = Block.Create(RandomNumberGenerator.GetBytes(32)).Cid;
        _gateway.Missing[cid] = true;
        using var http = _gateway.CreateClient();
        var transport = new GatewayTransport(http);

        var error = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => transport.CatAsync(cid));

        Assert.Equal(cid, error.Cid);
        Assert.Null(await transport.BlockSource.GetAsync(cid));
    }

    [Fact]
    public async Task GetBlock_LargerThanMaximum_ThrowsRemote()
    {
        var cid = await AddAsync(RandomNumberGenerator.GetBytes(1000), cidV1: true);
        using var http = _gateway.CreateClient();

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(async () => await new GatewayBlockSource(http, maxBlockSize: 999).GetAsync(cid));

        Assert.Equal("block-too-large", error.RemoteCode);
    }

    [Fact]
    public async Task Writes_ThrowNotSupported()
    {
        using var http = _gateway.CreateClient();
        var transport = new GatewayTransport(http);
        var cid = Block.Create("x"u8.ToArray()).Cid;

        Assert.Equal("gateway", transport.Name);
        Assert.Equal(TransportCapabilities.Read | TransportCapabilities.BlockRead, transport.Capabilities);
        Assert.Equal("add", (await Assert.ThrowsAsync<IpfsKitNotSupportedException>(() => transport.AddAsync(new MemoryStream()))).Operation);
        Assert.Equal("pin add", (await Assert.ThrowsAsync<IpfsKitNotSupportedException>(() => transport.PinAsync(cid))).Operation);
        Assert.Equal("pubsub publish", (await Assert.ThrowsAsync<IpfsKitNotSupportedException>(() => transport.PublishAsync("t", new byte[1]))).Operation);
        await Assert.ThrowsAsync<IpfsKitNotSupportedException>(() => transport.PutBlockAsync(Block.Create("x"u8.ToArray())));
        Assert.Throws<IpfsKitNotSupportedException>(() => transport.ListPinsAsync());
        Assert.Empty(_gateway.Requests);
    }

    [Fact]
    public async Task GetCar_FileOnRealPeer_VerifiedBlocksRebuildTheFile()
    {
        var bytes = RandomNumberGenerator.GetBytes((1024 * 1024) + 3);
        var cid = await AddAsync(bytes);
        using var http = _gateway.CreateClient();
        var store = new MemoryBlockStore();

        await foreach (var block in new GatewayTransport(http).GetCarAsync(cid))
        {
            await store.PutAsync(block);
        }

        Assert.Equal(6, store.Count); // the root and five chunks
        await using var file = await new UnixFsReader(store).OpenReadAsync(cid);
        Assert.Equal(bytes, await ReadAllAsync(file));
        Assert.Contains(_gateway.Requests, r => r == $"GET /ipfs/{cid}?format=car | application/vnd.ipld.car");
    }

    [Fact]
    public async Task GetCar_TamperedBlock_ThrowsIntegrity()
    {
        var cid = await AddAsync(RandomNumberGenerator.GetBytes(600_000));
        _gateway.Tampered[cid] = true;
        using var http = _gateway.CreateClient();

        await Assert.ThrowsAsync<IpfsKitIntegrityException>(async () => await new GatewayTransport(http).GetCarAsync(cid).ToListAsync());
    }

    [Fact]
    public async Task RealJsIpfsGateway_IgnoresFormatRaw_DeserializedBytesRejected()
    {
        // js-ipfs 0.66.1 answers the file's bytes, not the dag-pb block, for ?format=raw: verification must refuse them.
        // Its gateway listens 1000 ports above its API (tests/peers/start-peers.sh).
        var cid = await AddAsync("hello world\n"u8.ToArray());
        var api = fixture.Peer.ApiBase;
        using var http = new HttpClient { BaseAddress = new Uri($"http://{api.Host}:{api.Port + 1000}/") };

        var error = await Assert.ThrowsAsync<IpfsKitIntegrityException>(() => new GatewayTransport(http).CatAsync(cid));

        Assert.Equal(cid, error.Cid);
    }

    private async Task<Cid> AddAsync(byte[] bytes, bool cidV1 = false)
    {
        var query = cidV1 ? new Dictionary<string, string> { ["cid-version"] = "1" } : null;
        var added = await fixture.Peer.AddAsync(new MemoryStream(bytes), "file.bin", query);
        return Cid.Parse(added.Hash);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
