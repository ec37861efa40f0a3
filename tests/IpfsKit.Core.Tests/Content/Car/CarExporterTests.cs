using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;
using IpfsKit.Content.DagPb;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content.Car;

public sealed class CarExporterTests
{
    [Fact]
    public async Task WriteDagAsync_DagPbRootWithTwoRawLeaves_WritesExactlyThoseThreeBlocksParentFirst()
    {
        var a = Block.Create("a"u8.ToArray());
        var b = Block.Create("b"u8.ToArray());
        var root = DagPb(new(a.Cid, "a", 1), new(b.Cid, "b", 1), new(a.Cid, "a again", 1));
        var unrelated = Block.Create("not in the DAG"u8.ToArray());
        var store = await StoreAsync(a, b, root, unrelated);
        var car = new MemoryStream();

        var written = await CarExporter.WriteDagAsync(store, root.Cid, car);

        Assert.Equal(3, written);
        var content = await CarTestData.ReadAllAsync(car.ToArray());
        Assert.Equal([root.Cid], content.Roots);
        Assert.Equal([root.Cid, a.Cid, b.Cid], content.Blocks.Select(x => x.Cid));
        Assert.Equal(["a"u8.ToArray(), "b"u8.ToArray()], content.Blocks.Skip(1).Select(x => x.Data.ToArray()));
    }

    [Fact]
    public async Task WriteDagAsync_ScopesAndEntityBytes_OnlyTheSelectedBlocksAfterThePrefix()
    {
        var store = new MemoryBlockStore();
        var content = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var file = (await new IpfsKit.Content.UnixFs.Importing.UnixFsImporter(store, new() { ChunkSize = 100, CidVersion = 1 })
            .AddAsync([IpfsKit.Content.UnixFs.Importing.ImportEntry.File("f", content)])).Cid;
        var leaves = DagPbCodec.Decode((await store.GetRequiredAsync(file)).Data).Links.Select(l => l.Hash).ToList();
        var prefix = Block.Create("proof"u8.ToArray());

        async Task<List<Cid>> ExportAsync(CarExportOptions options)
        {
            var car = new MemoryStream();
            await CarExporter.WriteDagAsync(store, file, car, options);
            return [.. (await CarTestData.ReadAllAsync(car.ToArray())).Blocks.Select(b => b.Cid)];
        }

        Assert.Equal(10, leaves.Count);
        Assert.Equal([file, .. leaves], await ExportAsync(CarExportOptions.Default));
        Assert.Equal([prefix.Cid, file], await ExportAsync(new() { Scope = CarDagScope.Block, Prefix = [prefix] }));
        Assert.Equal([file, leaves[2], leaves[3]], await ExportAsync(new() { EntityBytes = new(250, 399) }));
        Assert.Equal([file, leaves[9]], await ExportAsync(new() { EntityBytes = new(-1, null) }));
        Assert.Equal([file, leaves[0], leaves[1]], await ExportAsync(new() { EntityBytes = new(0, -850) }));
        Assert.Equal([file], await ExportAsync(new() { EntityBytes = new(5000, null) })); // no byte of the file: the root alone
    }

    [Fact]
    public async Task WriteDagAsync_NestedDag_DepthFirstPreOrderInLinkOrder()
    {
        var x = Block.Create("x"u8.ToArray());
        var y = Block.Create("y"u8.ToArray());
        var z = Block.Create("z"u8.ToArray());
        var inner = DagPb(new(x.Cid, "x", 1), new(y.Cid, "y", 1));
        var root = DagPb(new(inner.Cid, "inner", 10), new(z.Cid, "z", 1), new(y.Cid, "y", 1));
        var store = await StoreAsync(x, y, z, inner, root);
        var car = new MemoryStream();

        await CarExporter.WriteDagAsync(store, root.Cid, car);

        var content = await CarTestData.ReadAllAsync(car.ToArray());
        Assert.Equal([root.Cid, inner.Cid, x.Cid, y.Cid, z.Cid], content.Blocks.Select(b => b.Cid));
    }

    [Fact]
    public async Task WriteDagAsync_SpecFixtureDagPbSubtree_WritesTheSpecSectionsByteForByte()
    {
        // In carv1-basic.car, sections 1-6 are the dag-pb DAG under QmNX6… in depth-first pre-order: the same order.
        var store = await CarTestData.SpecStoreAsync();
        var subtreeRoot = CarTestData.SpecBlocks[1];
        var car = new MemoryStream();

        var written = await CarExporter.WriteDagAsync(store, subtreeRoot, car);

        Assert.Equal(6, written);
        var header = await CarTestData.WriteAsync([subtreeRoot], []);
        var sections = CarTestData.SpecCarv1Basic[CarTestData.SpecSectionOffsets[1]..CarTestData.SpecSectionOffsets[7]];
        Assert.Equal([.. header, .. sections], car.ToArray());
    }

    [Fact]
    public async Task WriteDagAsync_DagCborRoot_WritesOnlyTheRootWithoutFollowingItsLinks()
    {
        var store = await CarTestData.SpecStoreAsync();
        var car = new MemoryStream();

        var written = await CarExporter.WriteDagAsync(store, CarTestData.SpecBlocks[0], car);

        Assert.Equal(1, written);
        Assert.Equal([CarTestData.SpecBlocks[0]], (await CarTestData.ReadAllAsync(car.ToArray())).Blocks.Select(b => b.Cid));
    }

    [Fact]
    public async Task WriteDagAsync_MissingLeaf_ThrowsBlockNotFoundNamingIt()
    {
        var missing = Cid.Compute(Multicodec.Raw, "gone"u8);
        var root = DagPb(new DagPbLink(missing, "gone", 4));
        var store = await StoreAsync(root);

        var error = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => CarExporter.WriteDagAsync(store, root.Cid, new MemoryStream()));

        Assert.Equal(missing, error.Cid);
        Assert.Contains(missing.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteDagAsync_MissingRoot_ThrowsBlockNotFound()
    {
        var root = Cid.Compute(Multicodec.DagPb, "nowhere"u8, version: 0);

        var error = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => CarExporter.WriteDagAsync(new MemoryBlockStore(), root, new MemoryStream()));

        Assert.Equal(root, error.Cid);
    }

    [Fact]
    public async Task WriteDagAsync_IdentityLinkNotInStore_WritesItFromTheCid()
    {
        var inline = Block.Create("tiny"u8.ToArray(), hashFunction: Multicodec.Identity);
        var root = DagPb(new DagPbLink(inline.Cid, "tiny", 4));
        var store = await StoreAsync(root);
        var car = new MemoryStream();

        await CarExporter.WriteDagAsync(store, root.Cid, car);

        var content = await CarTestData.ReadAllAsync(car.ToArray());
        Assert.Equal([root.Cid, inline.Cid], content.Blocks.Select(b => b.Cid));
        Assert.Equal("tiny"u8.ToArray(), content.Blocks[1].Data.ToArray());
    }

    [Fact]
    public async Task WriteDagAsync_UndecodableDagPbBlock_ThrowsFormat()
    {
        var broken = Block.Create(new byte[] { 0xff, 0xff }, Multicodec.DagPb);
        var store = await StoreAsync(broken);

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarExporter.WriteDagAsync(store, broken.Cid, new MemoryStream()));

        Assert.Equal("dag-pb", error.Subject);
    }

    [Fact]
    public async Task WriteDagsAsync_RootsSharingABlockAndAnInlineRoot_HeaderListsEachRootOnceAndEachBlockOnce()
    {
        var shared = Block.Create("shared"u8.ToArray());
        var only = Block.Create("only"u8.ToArray());
        var first = DagPb(new DagPbLink(shared.Cid, "s", 1));
        var second = DagPb(new(only.Cid, "o", 1), new(shared.Cid, "s", 1));
        var inline = Block.Create("inline"u8.ToArray(), Multicodec.Raw, hashFunction: Multicodec.Identity);
        var store = await StoreAsync(shared, only, first, second);
        var car = new MemoryStream();

        var written = await CarExporter.WriteDagsAsync(store, [first.Cid, second.Cid, first.Cid, inline.Cid], car);

        var content = await CarTestData.ReadAllAsync(car.ToArray());
        Assert.Equal([first.Cid, second.Cid, inline.Cid], content.Roots);
        Assert.Equal([first.Cid, shared.Cid, second.Cid, only.Cid, inline.Cid], content.Blocks.Select(b => b.Cid));
        Assert.Equal(5, written);
    }

    [Fact]
    public async Task WriteDagsAsync_NoRoots_WritesAnEmptyCar()
    {
        var car = new MemoryStream();

        var written = await CarExporter.WriteDagsAsync(new MemoryBlockStore(), [], car);

        var content = await CarTestData.ReadAllAsync(car.ToArray());
        Assert.Empty(content.Roots);
        Assert.Empty(content.Blocks);
        Assert.Equal(0, written);
    }

    private static Block DagPb(params DagPbLink[] links) =>
        Block.Create(DagPbCodec.Encode(new DagPbNode(links, null)), Multicodec.DagPb);

    private static async Task<MemoryBlockStore> StoreAsync(params Block[] blocks)
    {
        var store = new MemoryBlockStore();
        foreach (var block in blocks)
        {
            await store.PutAsync(block);
        }

        return store;
    }
}
