using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;
using IpfsKit.Content.UnixFs.Reading;

namespace IpfsKit.Tests.Content.UnixFs.Reading;

public sealed partial class UnixFsReaderTests
{
    private const string HelloWorldCid = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";

    [Fact]
    public async Task OpenReadAsync_KnownHelloWorldBlock_ReadsText()
    {
        var dag = new TestDag();
        var cid = dag.PutUnixFs(new UnixFsData { Type = UnixFsType.File, Data = "hello world\n"u8.ToArray(), FileSize = 12 });
        Assert.Equal(Cid.Parse(HelloWorldCid), cid);

        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(Cid.Parse(HelloWorldCid));

        Assert.Equal(12, stream.Length);
        Assert.Equal("hello world\n", await new StreamReader(stream).ReadToEndAsync());
    }

    [Fact]
    public async Task OpenReadAsync_RawCid_WholeBlockIsTheFile()
    {
        var dag = new TestDag();
        var cid = dag.RawLeaf("raw bytes"u8);

        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(cid);

        Assert.Equal(9, stream.Length);
        Assert.Equal("raw bytes", await new StreamReader(stream).ReadToEndAsync());
    }

    [Fact]
    public async Task OpenReadAsync_IdentityCids_ReadInlineBytesWithoutFetching()
    {
        var raw = Cid.CreateV1(Multicodec.Raw, Multihash.Compute(Multicodec.Identity, "inline"u8));
        var node = DagPbCodec.Encode(new DagPbNode([], UnixFsCodec.Encode(new UnixFsData { Type = UnixFsType.File, Data = "pb inline"u8.ToArray(), FileSize = 9 })));
        var dagPb = Cid.CreateV1(Multicodec.DagPb, Multihash.Compute(Multicodec.Identity, node));
        var reader = new UnixFsReader(new NoFetchSource());

        await using var a = await reader.OpenReadAsync(raw);
        await using var b = await reader.OpenReadAsync(dagPb);

        Assert.Equal("inline", await new StreamReader(a).ReadToEndAsync());
        Assert.Equal("pb inline", await new StreamReader(b).ReadToEndAsync());
    }

    [Fact]
    public async Task OpenReadAsync_IdentityLeafUnderFetchedRoot_ReadsWithoutFetchingTheLeaf()
    {
        var dag = new TestDag();
        var inline = Cid.CreateV1(Multicodec.Raw, Multihash.Compute(Multicodec.Identity, "xyz"u8));
        var stored = dag.RawLeaf("ab"u8);
        var root = dag.FileNode(default, [(stored, 2), (inline, 3)]);
        var counting = new CountingSource(dag.Store);

        await using var stream = await new UnixFsReader(counting).OpenReadAsync(root);

        Assert.Equal("abxyz", await new StreamReader(stream).ReadToEndAsync());
        Assert.Equal(new[] { root, stored }, counting.Fetched);
    }

    [Fact]
    public async Task StatAsync_MultiBlockFile_SizesLinksAndCumulativeSize()
    {
        var dag = new TestDag();
        var a = dag.RawLeaf(new byte[100]);
        var b = dag.RawLeaf(new byte[50]);
        var root = dag.FileNode("xy"u8.ToArray(), [(a, 100), (b, 50)]);
        var block = await dag.Store.GetRequiredAsync(root);

        var info = await new UnixFsReader(dag.Store).StatAsync(root);

        Assert.Equal(UnixFsNodeKind.File, info.Kind);
        Assert.True(info.IsFile);
        Assert.False(info.IsDirectory);
        Assert.Equal(152UL, info.ContentSize);
        Assert.Equal(2, info.LinkCount);
        Assert.Equal(block.Size, info.BlockSize);
        Assert.Equal((ulong)block.Size + 114 + 64, info.CumulativeSize); // TestDag writes Tsize = size + 14
        Assert.Equal(root, info.Cid);
    }

    [Fact]
    public async Task StatAsync_EachKind_KindAndContentSize()
    {
        var dag = new TestDag();
        var raw = dag.RawLeaf(new byte[77]);
        var dir = dag.Directory(("a", raw), ("b", raw));
        var shard = dag.Shard(256, [("00a", raw)]);
        var link = dag.Symlink("../target");
        var reader = new UnixFsReader(dag.Store);

        var rawInfo = await reader.StatAsync(raw);
        Assert.Equal((UnixFsNodeKind.RawBlock, 77UL, 77, 0, (ulong?)77), (rawInfo.Kind, rawInfo.ContentSize, rawInfo.BlockSize, rawInfo.LinkCount, rawInfo.CumulativeSize));
        Assert.True(rawInfo.IsFile);
        var dirInfo = await reader.StatAsync(dir);
        Assert.Equal((UnixFsNodeKind.Directory, 0UL, 2), (dirInfo.Kind, dirInfo.ContentSize, dirInfo.LinkCount));
        Assert.True(dirInfo.IsDirectory);
        var shardInfo = await reader.StatAsync(shard);
        Assert.Equal((UnixFsNodeKind.ShardedDirectory, 1), (shardInfo.Kind, shardInfo.LinkCount));
        Assert.True(shardInfo.IsDirectory);
        var linkInfo = await reader.StatAsync(link);
        Assert.Equal((UnixFsNodeKind.Symlink, 9UL), (linkInfo.Kind, linkInfo.ContentSize));
    }

    [Fact]
    public async Task StatAsync_LinkWithoutTsizeAndMetadata_CumulativeUnknownModeAndMtimeShown()
    {
        var dag = new TestDag();
        var leaf = dag.RawLeaf("abc"u8);
        var data = new UnixFsData { Type = UnixFsType.File, FileSize = 3, BlockSizes = [3], Mode = Convert.ToUInt32("644", 8), Mtime = new UnixFsTime(1_700_000_000, 5) };
        var root = dag.PutUnixFs(data, [new DagPbLink(leaf, null, null)]);

        var info = await new UnixFsReader(dag.Store).StatAsync(root);

        Assert.Null(info.CumulativeSize);
        Assert.Equal(Convert.ToUInt32("644", 8), info.Mode);
        Assert.Equal(new UnixFsTime(1_700_000_000, 5), info.Mtime);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new UnixFsReader(null!));
        Assert.Throws<ArgumentNullException>(() => new UnixFsReader(new MemoryBlockStore(), null!));
        var error = Assert.Throws<ArgumentException>(() => new UnixFsReader(new MemoryBlockStore(), new UnixFsReaderOptions { ReadAheadBlocks = 33 }));
        Assert.Contains("ReadAheadBlocks", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new UnixFsReaderOptions { ReadAheadBlocks = -1 }.Validate());
    }

    [Fact]
    public async Task EveryMethod_EmptyCid_ThrowsArgumentException()
    {
        var reader = new UnixFsReader(new NoFetchSource());

        await Assert.ThrowsAsync<ArgumentException>(() => reader.StatAsync(default));
        await Assert.ThrowsAsync<ArgumentException>(() => reader.OpenReadAsync(default));
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await reader.ListAsync(default).ToListAsync());
        Assert.Equal("directory", error.ParamName);
    }
}
