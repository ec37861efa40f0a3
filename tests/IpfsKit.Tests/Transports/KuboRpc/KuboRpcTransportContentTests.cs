using System.Text;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Errors;
using IpfsKit.Testing.PeerRig;
using IpfsKit.Testing.Streams;
using IpfsKit.Transports;
using static IpfsKit.Tests.Transports.KuboRpc.KuboTestClients;

namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>Add, cat, ls and blocks through <c>KuboRpcTransport</c> against the real js-ipfs peer.</summary>
[Collection("IpfsPeer")]
[Trait("Category", "Transport")]
public sealed class KuboRpcTransportContentTests(IpfsPeerFixture fixture)
{
    public static TheoryData<string> Profiles => ["default", "cidv1-raw-leaves", "small-chunks-trickle"];

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task AddThenCat_Profile_SameBytesAndCidAsLocalImporter(string profile)
    {
        var import = profile switch
        {
            "cidv1-raw-leaves" => ImportOptions.UnixFsV0Of2015 with { CidVersion = 1, RawLeaves = true },
            "small-chunks-trickle" => ImportOptions.UnixFsV0Of2015 with { ChunkSize = 1000, Layout = DagLayout.Trickle },
            _ => ImportOptions.UnixFsV0Of2015,
        };
        var bytes = SeededRandomStream.Bytes((ulong)profile.Length, 700_001);
        var transport = Transport(fixture.Peer.ApiBase);

        var added = await transport.AddAsync(new MemoryStream(bytes), new AddOptions { Import = import, FileName = "data.bin" });
        await using var cat = await transport.CatAsync(added.Cid);

        Assert.Equal(await LocalCidAsync(new MemoryStream(bytes), import), added.Cid);
        Assert.Equal(import.CidVersion, added.Cid.Version);
        Assert.Equal("data.bin", added.Name);
        Assert.Equal(bytes, await ReadAllAsync(cat));
    }

    [Fact]
    public async Task Add_HelloWorldWithoutName_KnownCidNamedByItself()
    {
        var added = await Transport(fixture.Peer.ApiBase).AddAsync(new MemoryStream(Encoding.ASCII.GetBytes("hello world\n")));

        Assert.Equal(Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"), added.Cid);
        Assert.Equal(added.Cid.ToString(), added.Name);
    }

    [Fact]
    public async Task Add_OnlyHashWrapped_RootIsWrapperAndEqualsLocalImporter()
    {
        var import = ImportOptions.UnixFsV0Of2015 with { OnlyHash = true, WrapWithDirectory = true };
        var bytes = SeededRandomStream.Bytes(7, 300_000);

        var added = await Transport(fixture.Peer.ApiBase).AddAsync(new MemoryStream(bytes), new AddOptions { Import = import, FileName = "a b.txt", Pin = false });

        var local = await new UnixFsImporter(null, import).AddFileAsync(new MemoryStream(bytes), "a b.txt");
        Assert.Equal(local.Cid, added.Cid);
    }

    [Fact]
    public async Task Add_WithProgress_ReportsGrowingBytesUpToTheLength()
    {
        var reports = new List<long>();
        var progress = new SynchronousProgress(p => reports.Add(p.Bytes));

        await Transport(fixture.Peer.ApiBase).AddAsync(new SeededRandomStream(3, 1_000_000), progress: progress);

        Assert.NotEmpty(reports);
        Assert.Equal(reports.Order().ToList(), reports);
        Assert.Equal(1_000_000, reports[^1]);
    }

    [Fact]
    public async Task Add_MaxLinksOtherThanKubos_NotSupported()
    {
        var options = new AddOptions { Import = ImportOptions.UnixFsV1Of2025 };

        await Assert.ThrowsAsync<IpfsKitNotSupportedException>(() => Transport(fixture.Peer.ApiBase).AddAsync(new MemoryStream([1]), options));
    }

    [Theory]
    [InlineData(0L, -1L)] // -1: no length, to the end
    [InlineData(10L, 5L)]
    [InlineData(262_140L, 10L)] // across the first chunk boundary
    [InlineData(599_990L, -1L)]
    [InlineData(123L, 0L)]
    public async Task Cat_Range_ReturnsThoseBytes(long offset, long lengthOrNone)
    {
        long? length = lengthOrNone < 0 ? null : lengthOrNone;
        var bytes = SeededRandomStream.Bytes(11, 600_000);
        var transport = Transport(fixture.Peer.ApiBase);
        var added = await transport.AddAsync(new MemoryStream(bytes));

        await using var cat = await transport.CatAsync(added.Cid, new ByteRange(offset, length));

        var expected = bytes.AsSpan((int)offset, (int)(length ?? (bytes.Length - offset))).ToArray();
        Assert.Equal(expected, await ReadAllAsync(cat));
    }

    [Fact]
    public async Task List_WrappedFile_OneFileEntry()
    {
        var transport = Transport(fixture.Peer.ApiBase);
        var import = ImportOptions.UnixFsV0Of2015 with { WrapWithDirectory = true };
        var added = await transport.AddAsync(new MemoryStream(SeededRandomStream.Bytes(5, 1000)), new AddOptions { Import = import, FileName = "one.bin" });

        var entries = new List<LinkEntry>();
        await foreach (var entry in transport.ListAsync(added.Cid))
        {
            entries.Add(entry);
        }

        var file = Assert.Single(entries);
        Assert.Equal("one.bin", file.Name);
        Assert.Equal(LinkKind.File, file.Kind);
        Assert.Equal(await LocalCidAsync(new MemoryStream(SeededRandomStream.Bytes(5, 1000)), ImportOptions.UnixFsV0Of2015), file.Cid);
    }

    [Theory]
    [InlineData(Multicodec.Raw, 1)]
    [InlineData(Multicodec.DagPb, 0)]
    [InlineData(Multicodec.DagPb, 1)]
    public async Task BlockPutGetStat_Codec_RoundTrips(Multicodec codec, int version)
    {
        // An empty dag-pb node is valid protobuf; a raw block is anything.
        var data = codec == Multicodec.DagPb ? new byte[] { 0x0A, 0x02, 0x08, 0x01 } : Encoding.UTF8.GetBytes("raw " + Guid.NewGuid());
        var block = Block.Create(data, codec, version);
        var transport = Transport(fixture.Peer.ApiBase);

        await transport.PutBlockAsync(block);
        var got = await transport.GetBlockAsync(block.Cid);
        var stat = await transport.StatBlockAsync(block.Cid);

        Assert.Equal(data, got.Data.ToArray());
        Assert.Equal(block.Cid, got.Cid);
        Assert.Equal(block.Cid.ToV1(), stat.Cid.ToV1());
        Assert.Equal(data.Length, stat.Size);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(Action<AddProgress> report) : IProgress<AddProgress>
    {
        public void Report(AddProgress value) => report(value);
    }
}
