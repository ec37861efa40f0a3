using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Testing.PeerRig;

namespace IpfsKit.Tests.Interop;

/// <summary>Blocks cross in both directions: IpfsKit's blocks are read by the peer, the peer's blocks by IpfsKit.</summary>
[Collection("IpfsPeer")]
[Trait("Category", "Interop")]
public sealed class BlockExchangeInteropTests(IpfsPeerFixture fixture)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task DagImport_CarWrittenByIpfsKit_PeerCatsSameBytes(int cidVersion)
    {
        var bytes = InteropData.Bytes((5 * 262_144) + 99, 11 + cidVersion);
        var store = new MemoryBlockStore();
        var root = await new UnixFsImporter(store, ImportOptions.UnixFsV0Of2015 with { CidVersion = cidVersion }).AddFileAsync(new MemoryStream(bytes));
        var car = new MemoryStream();
        var written = await CarExporter.WriteDagAsync(store, root.Cid, car);
        car.Position = 0;

        var roots = await fixture.Peer.DagImportAsync(car);

        Assert.Equal(store.Count, written);
        Assert.Contains(roots, r => Cid.Parse(r) == root.Cid);
        Assert.Equal(bytes, await fixture.Peer.CatAsync(root.Cid.ToString()));
    }

    [Fact]
    public async Task BlockPut_BlocksWrittenByIpfsKit_PeerComputesSameCidsAndCats()
    {
        var bytes = InteropData.Bytes((3 * 65_536) + 5, 21);
        var store = new MemoryBlockStore();
        var root = await new UnixFsImporter(store, ImportOptions.UnixFsV0Of2015 with { ChunkSize = 65_536 }).AddFileAsync(new MemoryStream(bytes));

        await foreach (var cid in store.EnumerateAsync())
        {
            var block = await store.GetRequiredAsync(cid);
            var theirs = await fixture.Peer.BlockPutAsync(block.Data.ToArray(), "dag-pb", cid.Version);
            Assert.Equal(cid, Cid.Parse(theirs));
        }

        Assert.Equal(bytes, await fixture.Peer.CatAsync(root.Cid.ToString()));
    }

    [Theory]
    [InlineData("defaults")]
    [InlineData("cidv1+raw-leaves")]
    [InlineData("trickle")]
    public async Task Reader_BlocksFromPeer_ReadsSameBytesAndRanges(string settingName)
    {
        var setting = ImporterSettings.Matrix.Single(s => s.Name == settingName);
        var bytes = InteropData.Bytes((7 * 262_144) + 1234, 31);
        var added = await fixture.Peer.AddAsync(new MemoryStream(bytes), "from-peer.bin", setting.Query);
        var source = new PeerBlockSource(fixture.Peer);
        var reader = new UnixFsReader(source);

        await using var stream = await reader.OpenReadAsync(Cid.Parse(added.Hash));
        var all = new MemoryStream();
        await stream.CopyToAsync(all);
        Assert.Equal(bytes, all.ToArray());

        stream.Position = 1_000_000;
        var range = new byte[300_000];
        await stream.ReadExactlyAsync(range);
        Assert.Equal(bytes.AsSpan(1_000_000, 300_000).ToArray(), range);
    }

    /// <summary>Blocks fetched from the peer with block/get, each verified against its CID before use.</summary>
    private sealed class PeerBlockSource(PeerClient peer) : IBlockSource
    {
        public async ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
            Block.CreateVerified(cid, await peer.BlockGetAsync(cid.ToString(), cancellationToken));
    }
}
