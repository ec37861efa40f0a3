using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;
using IpfsKit.Content.DagPb;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.Car;

public sealed class CarTests
{
    [Property(MaxTest = 50)]
    public Property WriteRead_RandomBlocks_SameRootsAndBlocksInOrder() =>
        Prop.ForAll(Gen.ListOf(ContentGen.Bytes(2000)).ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), (datas, rootCount) =>
        {
            var blocks = datas.Select(d => Block.Create(d)).ToList();
            var roots = blocks.Take(rootCount).Select(b => b.Cid).DefaultIfEmpty(Cid.Compute(Multicodec.Raw, "r"u8)).ToList();
            var car = Write(roots, blocks);

            var (readRoots, readBlocks) = Read(car).GetAwaiter().GetResult();

            Assert.Equal(roots, readRoots);
            Assert.Equal(blocks.Select(b => b.Cid), readBlocks.Select(b => b.Cid));
            Assert.Equal(blocks.Select(b => b.Data.ToArray()), readBlocks.Select(b => b.Data.ToArray()));
        });

    [Fact]
    public void Header_OneRoot_CanonicalDagCborBytes()
    {
        var root = Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
        var car = Write([root], []);

        // varint(58) {"roots": [42(h'00' + cid)], "version": 1} with keys in canonical order.
        var expected = Convert.FromHexString("3AA265726F6F747381D82A58250001551220A948904F2F0F479B8F8197694B30184B0D2ED1C1CD2A1EC0FB85D299A192A4476776657273696F6E01");
        Assert.Equal(expected, car);
    }

    [Theory]
    [InlineData("00", "header length 0")]
    [InlineData("0AA1", "ends inside a header")]
    [InlineData("0180", "not a CBOR map")]
    [InlineData("11A265726F6F7473806776657273696F6E02", "version 2 is not supported")]
    [InlineData("0AA16776657273696F6E01", "no roots")]
    [InlineData("0FA265726F6F7473806576657273696F6E01", "header key 'versi'")]
    [InlineData("FFFFFFFFFFFFFFFFFF01", "not a valid varint")]
    public async Task Open_BadHeader_ThrowsNamingTheProblem(string hex, string reason)
    {
        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarReader.OpenAsync(new MemoryStream(Convert.FromHexString(hex))));
        Assert.Equal("CAR", error.Subject);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_TruncatedSection_ThrowsWithOffset()
    {
        var block = Block.Create(new byte[100]);
        var car = Write([block.Cid], [block]);

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => Read(car[..^10]));
        Assert.Contains("ends inside a section", error.Reason, StringComparison.Ordinal);
        Assert.NotNull(error.Offset);
    }

    [Fact]
    public async Task Read_BlockBytesNotMatchingCid_ThrowsIntegrity()
    {
        var block = Block.Create(new byte[100]);
        var car = Write([block.Cid], [block]);
        car[^1] ^= 0xFF;

        var error = await Assert.ThrowsAsync<IpfsKitIntegrityException>(() => Read(car));
        Assert.Equal(block.Cid, error.Cid);
    }

    [Fact]
    public async Task Read_SectionOverMaximum_Throws()
    {
        var block = Block.Create(new byte[5000]);
        var car = Write([block.Cid], [block]);

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(async () =>
        {
            await using var reader = await CarReader.OpenAsync(new MemoryStream(car), new CarReaderOptions { MaxSectionSize = 4096 });
            await foreach (var _ in reader.ReadBlocksAsync())
            {
            }
        });
        Assert.Contains("outside 1..4096", error.Reason, StringComparison.Ordinal);
    }

    [Property]
    public bool Read_RandomBytes_EndsTyped(byte[] bytes) =>
        Fuzz.EndsTyped(() => Read(bytes).GetAwaiter().GetResult(), typeof(IpfsKitIntegrityException));

    [Property]
    public Property Read_MutatedValidCars_EndsTyped() =>
        Prop.ForAll(
            ContentGen.Mutated(Gen.ListOf(ContentGen.Bytes(300)).Select(ds => Write([Cid.Compute(Multicodec.Raw, "r"u8)], ds.Select(d => Block.Create(d)).ToList()))).ToArbitrary(),
            car => Fuzz.EndsTyped(() => Read(car).GetAwaiter().GetResult(), typeof(IpfsKitIntegrityException)));

    [Fact]
    public async Task WriteDag_DagPbRootWithTwoRawLeaves_WritesThreeBlocksParentFirst()
    {
        var store = new MemoryBlockStore();
        var a = Block.Create("a"u8.ToArray());
        var b = Block.Create("b"u8.ToArray());
        var root = Block.Create(DagPbCodec.Encode(new DagPbNode([new(a.Cid, "a", 1), new(b.Cid, "b", 1), new(a.Cid, "again", 1)], null)), Multicodec.DagPb);
        foreach (var block in new[] { a, b, root })
        {
            await store.PutAsync(block);
        }

        var car = new MemoryStream();
        var count = await CarExporter.WriteDagAsync(store, root.Cid, car);

        Assert.Equal(3, count);
        var (roots, blocks) = await Read(car.ToArray());
        Assert.Equal([root.Cid], roots);
        Assert.Equal([root.Cid, a.Cid, b.Cid], blocks.Select(x => x.Cid));
        var copy = new MemoryBlockStore();
        Assert.Equal([root.Cid], await CarExporter.ImportAsync(new MemoryStream(car.ToArray()), copy));
        Assert.Equal(3, copy.Count);
    }

    [Fact]
    public async Task WriteDag_MissingBlock_ThrowsBlockNotFound()
    {
        var missing = Cid.Compute(Multicodec.Raw, "gone"u8);
        var store = new MemoryBlockStore();
        var root = Block.Create(DagPbCodec.Encode(new DagPbNode([new(missing, "", 4)], null)), Multicodec.DagPb);
        await store.PutAsync(root);

        var error = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => CarExporter.WriteDagAsync(store, root.Cid, new MemoryStream()));
        Assert.Equal(missing, error.Cid);
    }

    private static byte[] Write(IReadOnlyList<Cid> roots, IReadOnlyList<Block> blocks)
    {
        var stream = new MemoryStream();
        var writer = CarWriter.CreateAsync(stream, roots).GetAwaiter().GetResult();
        foreach (var block in blocks)
        {
            writer.WriteAsync(block).GetAwaiter().GetResult();
        }

        return stream.ToArray();
    }

    private static async Task<(IReadOnlyList<Cid> Roots, List<Block> Blocks)> Read(byte[] car)
    {
        await using var reader = await CarReader.OpenAsync(new MemoryStream(car));
        var blocks = new List<Block>();
        await foreach (var block in reader.ReadBlocksAsync())
        {
            blocks.Add(block);
        }

        return (reader.Roots, blocks);
    }
}
