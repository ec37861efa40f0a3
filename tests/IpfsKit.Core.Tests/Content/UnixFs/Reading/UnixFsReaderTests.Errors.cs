using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content.UnixFs.Reading;

/// <summary>Bad input: every case fails with a typed error that says what is wrong, never with wrong bytes.</summary>
public sealed partial class UnixFsReaderTests
{
    [Fact]
    public async Task OpenReadAsync_LinkCountDiffersFromBlockSizes_Throws()
    {
        var dag = new TestDag();
        var leaf = dag.RawLeaf(new byte[10]);
        var root = dag.FileNode(default, [(leaf, 10)], fileSize: 10, blockSizes: [5, 5]);

        var error = await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).OpenReadAsync(root));

        Assert.Equal($"file {root} has 1 links but 2 blocksizes", error.Reason);
    }

    [Fact]
    public async Task OpenReadAsync_BlockSizesDisagreeWithFileSize_ThrowsNamingBoth()
    {
        var dag = new TestDag();
        var leaf = dag.RawLeaf(new byte[10]);
        var root = dag.FileNode("ab"u8.ToArray(), [(leaf, 10)], fileSize: 13);

        var error = await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).OpenReadAsync(root));

        Assert.Equal($"file {root} has filesize 13, but its 2 data bytes and 1 blocksizes add up to 12", error.Reason);
        await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).StatAsync(root));
    }

    [Fact]
    public async Task ReadAsync_ChildSmallerThanItsBlockSize_ThrowsInsteadOfWrongBytes()
    {
        var dag = new TestDag();
        var small = dag.RawLeaf(new byte[10]);
        var root = dag.FileNode(default, [(small, 12)]);
        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(root);

        var error = await AssertUnixFsErrorAsync(() => stream.ReadAsync(new byte[12]).AsTask());

        Assert.Equal($"{small} holds 10 bytes, but its parent {root} records a blocksize of 12 for link 0", error.Reason);
    }

    [Fact]
    public async Task ReadAsync_DeepChildLargerThanItsBlockSize_Throws()
    {
        var dag = new TestDag();
        var leaf = dag.Leaf(new byte[10], LeafFormat.DagPbFile);
        var middle = dag.FileNode(default, [(leaf, 10), (leaf, 10)]);
        var root = dag.FileNode(default, [(leaf, 10), (middle, 15)]);
        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(root);
        stream.Position = 12;

        var error = await AssertUnixFsErrorAsync(() => stream.ReadAsync(new byte[1]).AsTask());

        Assert.Contains($"{middle} holds 20 bytes", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ChildIsADirectory_Throws()
    {
        var dag = new TestDag();
        var dir = dag.Directory();
        var root = dag.FileNode(default, [(dir, 0), (dir, 5)]);
        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(root);

        var error = await AssertUnixFsErrorAsync(() => stream.ReadAsync(new byte[5]).AsTask());

        Assert.Equal($"file {root} links to {dir}, which is a directory, not file data", error.Reason);
    }

    [Fact]
    public async Task OpenReadAsync_FileLinkWithAName_Throws()
    {
        var dag = new TestDag();
        var leaf = dag.RawLeaf(new byte[3]);
        var root = dag.FileNode(default, [(leaf, 3)], linkName: "part");

        var error = await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).OpenReadAsync(root));

        Assert.Equal($"file {root} has a link named 'part'; the parts of a file have no names", error.Reason);
    }

    [Fact]
    public async Task OpenReadAsync_FileLinkWithControlCharactersInName_MessageEscapesAndCutsIt()
    {
        var dag = new TestDag();
        var leaf = dag.RawLeaf(new byte[3]);
        var root = dag.FileNode(default, [(leaf, 3)], linkName: "a\nb'" + new string('x', 100));

        var error = await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).OpenReadAsync(root));

        Assert.Contains($"'a\\u000Ab\\u0027{new string('x', 36)}…'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadAsync_BlockSizesOverflow_Throws()
    {
        var dag = new TestDag();
        var leaf = dag.RawLeaf(new byte[3]);
        var root = dag.FileNode(default, [(leaf, 3), (leaf, 3)], fileSize: 3, blockSizes: [long.MaxValue, 2]);

        var error = await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).OpenReadAsync(root));

        Assert.Contains("add up to more than", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("directory", "a directory")]
    [InlineData("shard", "a HAMT-sharded directory")]
    [InlineData("symlink", "a symlink")]
    public async Task OpenReadAsync_NotAFile_ThrowsSayingWhatItIs(string kind, string described)
    {
        var dag = new TestDag();
        var cid = kind switch
        {
            "directory" => dag.Directory(("a", dag.RawLeaf("a"u8))),
            "shard" => dag.Shard(256, [("00a", dag.RawLeaf("a"u8))]),
            _ => dag.Symlink("elsewhere"),
        };

        var error = await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).OpenReadAsync(cid));

        Assert.Equal($"{cid} is {described}, not a file", error.Reason);
    }

    [Theory]
    [InlineData(LeafFormat.DagPbFile, "a file")]
    [InlineData(LeafFormat.Raw, "a raw block (a file)")]
    public async Task ListAsync_File_ThrowsSayingItIsAFile(LeafFormat format, string described)
    {
        var dag = new TestDag();
        var file = dag.Leaf("data"u8.ToArray(), format);

        var error = await AssertUnixFsErrorAsync(async () => await new UnixFsReader(dag.Store).ListAsync(file).ToListAsync());

        Assert.Equal($"{file} is {described}, not a directory", error.Reason);
    }

    [Fact]
    public async Task OpenReadAsync_BytesThatAreNotDagPb_ThrowsWithTheDecoderError()
    {
        var dag = new TestDag();
        var cid = dag.Put(Multicodec.DagPb, [0xFF, 0x01, 0x02], version: 0);

        var error = await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).OpenReadAsync(cid));

        Assert.StartsWith($"{cid} is not valid dag-pb: ", error.Reason, StringComparison.Ordinal);
        var inner = Assert.IsType<IpfsKitFormatException>(error.InnerException);
        Assert.Equal("dag-pb", inner.Subject);
    }

    [Fact]
    public async Task OpenReadAsync_DagPbWithoutData_Throws()
    {
        var dag = new TestDag();
        var cid = dag.Put(Multicodec.DagPb, DagPbCodec.Encode(new DagPbNode([], null)), version: 0);

        var error = await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).StatAsync(cid));

        Assert.Equal($"{cid} is a dag-pb node without Data, so it holds no UnixFS message", error.Reason);
    }

    [Fact]
    public async Task OpenReadAsync_MalformedUnixFsMessage_Throws()
    {
        var dag = new TestDag();
        var cid = dag.Put(Multicodec.DagPb, DagPbCodec.Encode(new DagPbNode([], new byte[] { 0x08, 0x09 })), version: 0); // Type = 9

        var error = await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).OpenReadAsync(cid));

        Assert.StartsWith($"{cid} has a malformed UnixFS message: ", error.Reason, StringComparison.Ordinal);
        Assert.IsType<IpfsKitFormatException>(error.InnerException);
    }

    [Fact]
    public async Task OpenReadAsync_UnsupportedCodec_Throws()
    {
        var dag = new TestDag();
        var cid = dag.Put(Multicodec.DagCbor, [0xA0]);

        var error = await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).OpenReadAsync(cid));

        Assert.StartsWith($"{cid} has codec ", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith("a UnixFS node is dag-pb (0x70) or raw (0x55)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadAsync_MissingRoot_ThrowsBlockNotFound()
    {
        var missing = Cid.Compute(Multicodec.Raw, "absent"u8);

        var error = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => new UnixFsReader(new MemoryBlockStore()).OpenReadAsync(missing));

        Assert.Equal(missing, error.Cid);
    }

    [Fact]
    public async Task ReadAsync_MissingLeaf_ThrowsBlockNotFoundWhenReached()
    {
        var dag = new TestDag();
        var present = dag.RawLeaf("abc"u8);
        var missing = Cid.Compute(Multicodec.Raw, new byte[10]);
        var root = dag.FileNode(default, [(present, 3), (missing, 10)]);
        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(root);

        Assert.Equal(3, await stream.ReadAsync(new byte[3]));
        var error = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => stream.ReadAsync(new byte[10]).AsTask());

        Assert.Equal(missing, error.Cid);
    }

    [Fact]
    public async Task OpenReadAsync_SourceReturnsAnotherBlock_ThrowsIntegrity()
    {
        var asked = Cid.Compute(Multicodec.Raw, "asked"u8);
        var other = Block.Create("other"u8.ToArray());

        var error = await Assert.ThrowsAsync<IpfsKitIntegrityException>(() => new UnixFsReader(new WrongBlockSource(other)).OpenReadAsync(asked));

        Assert.Equal(asked, error.Cid);
    }

    [Fact]
    public async Task StatAsync_SymlinkWithLinks_Throws()
    {
        var dag = new TestDag();
        var leaf = dag.RawLeaf("a"u8);
        var cid = dag.PutUnixFs(new UnixFsData { Type = UnixFsType.Symlink, Data = "x"u8.ToArray() }, [new DagPbLink(leaf, "", 1)]);

        var error = await AssertUnixFsErrorAsync(() => new UnixFsReader(dag.Store).StatAsync(cid));

        Assert.Equal($"symlink {cid} has 1 links; a symlink has none", error.Reason);
    }

    private static async Task<IpfsKitFormatException> AssertUnixFsErrorAsync(Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(action);
        Assert.Equal("UnixFS", error.Subject);
        Assert.StartsWith("Invalid UnixFS", error.Message, StringComparison.Ordinal);
        return error;
    }
}
