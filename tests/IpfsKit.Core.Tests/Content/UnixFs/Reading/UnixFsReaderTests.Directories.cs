using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content.UnixFs.Reading;

/// <summary>Listing plain and HAMT-sharded directories, and the shard checks.</summary>
public sealed partial class UnixFsReaderTests
{
    [Fact]
    public async Task ListAsync_PlainDirectory_EntriesInLinkOrderWithTsize()
    {
        var dag = new TestDag();
        var a = dag.RawLeaf("a"u8);
        var b = dag.Leaf("bb"u8.ToArray(), LeafFormat.DagPbFile);
        var dir = dag.Directory(("b.txt", b), ("a.txt", a));

        var entries = await new UnixFsReader(dag.Store).ListAsync(dir).ToListAsync();

        Assert.Equal([new UnixFsDirectoryEntry("b.txt", b, 100), new UnixFsDirectoryEntry("a.txt", a, 100)], entries);
    }

    [Fact]
    public async Task ListAsync_EmptyDirectoryVector_NoEntries()
    {
        var dag = new TestDag();
        var dir = dag.Directory();
        Assert.Equal(Cid.Parse("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn"), dir);

        Assert.Empty(await new UnixFsReader(dag.Store).ListAsync(dir).ToListAsync());
    }

    [Fact]
    public async Task ListAsync_TwoLevelHamt_WalksSubShardAndStripsPrefixes()
    {
        var dag = new TestDag();
        var f = Enumerable.Range(0, 4).Select(i => dag.RawLeaf(new[] { (byte)i })).ToArray();
        var sub = dag.Shard(256, [("05beta", f[1]), ("FFgamma", f[2])]);
        var root = dag.Shard(256, [("0Aalpha", f[0]), ("1F", sub), ("C3delta", f[3])]);
        var counting = new CountingSource(dag.Store);

        var entries = await new UnixFsReader(counting).ListAsync(root).ToListAsync();

        Assert.Equal(["alpha", "beta", "gamma", "delta"], entries.Select(e => e.Name));
        Assert.Equal(f[0], entries[0].Cid);
        Assert.Equal(f[1], entries[1].Cid);
        Assert.Equal(f[2], entries[2].Cid);
        Assert.Equal(f[3], entries[3].Cid);
        Assert.All(entries, e => Assert.Equal(50UL, e.Tsize));
        Assert.Equal(new[] { root, sub }, counting.Fetched); // shards only, never the entries
    }

    [Theory]
    [InlineData(8, "7")]
    [InlineData(16, "F")]
    [InlineData(512, "1FF")]
    [InlineData(1024, "3FF")]
    public async Task ListAsync_HamtOfAnyValidFanout_PrefixAsWideAsHexOfFanoutMinusOne(int fanout, string lastBucket)
    {
        var dag = new TestDag();
        var leaf = dag.RawLeaf("x"u8);
        var zero = new string('0', lastBucket.Length);
        var sub = dag.Shard((ulong)fanout, [(zero + "inner", leaf)]);
        var root = dag.Shard((ulong)fanout, [(zero + "first", leaf), (lastBucket, sub), (lastBucket + "last", leaf)]);

        var names = await new UnixFsReader(dag.Store).ListAsync(root).Select(e => e.Name).ToListAsync();

        Assert.Equal(["first", "inner", "last"], names);
    }

    [Theory]
    [InlineData(100UL, "100")]
    [InlineData(4UL, "4")]
    [InlineData(2048UL, "2048")]
    [InlineData(0UL, "0")]
    [InlineData(null, "missing")]
    public async Task ListAsync_HamtFanoutNotAPowerOfTwoFrom8To1024_Throws(ulong? fanout, string shown)
    {
        var dag = new TestDag();
        var shard = dag.Shard(fanout, [("00a", dag.RawLeaf("a"u8))]);

        var error = await AssertUnixFsErrorAsync(async () => await new UnixFsReader(dag.Store).ListAsync(shard).ToListAsync());

        Assert.Equal($"HAMT shard {shard} has fanout {shown}; it must be a power of two from 8 to 1024", error.Reason);
    }

    [Fact]
    public async Task ListAsync_HamtWithAnotherHash_Throws()
    {
        var dag = new TestDag();
        var shard = dag.Shard(256, [("00a", dag.RawLeaf("a"u8))], hashType: 0x12);

        var error = await AssertUnixFsErrorAsync(async () => await new UnixFsReader(dag.Store).ListAsync(shard).ToListAsync());

        Assert.Equal($"HAMT shard {shard} has hashType 0x12; only murmur3-x64-64 (0x22) is supported", error.Reason);
    }

    [Theory]
    [InlineData("0", "shorter than its 2-digit bucket prefix")]
    [InlineData("0aname", "does not start with 2 upper-case hex digits")]
    [InlineData("ZZname", "does not start with 2 upper-case hex digits")]
    [InlineData("", "shorter than its 2-digit bucket prefix")]
    public async Task ListAsync_HamtLinkWithoutBucketPrefix_Throws(string name, string expected)
    {
        var dag = new TestDag();
        var shard = dag.Shard(256, [(name, dag.RawLeaf("a"u8))]);

        var error = await AssertUnixFsErrorAsync(async () => await new UnixFsReader(dag.Store).ListAsync(shard).ToListAsync());

        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_HamtBucketOutsideFanout_Throws()
    {
        var dag = new TestDag();
        var shard = dag.Shard(512, [("200name", dag.RawLeaf("a"u8))]);

        var error = await AssertUnixFsErrorAsync(async () => await new UnixFsReader(dag.Store).ListAsync(shard).ToListAsync());

        Assert.Equal($"HAMT shard {shard} has a link in bucket 512, outside its fanout 512", error.Reason);
    }

    [Fact]
    public async Task ListAsync_HamtSubShardThatIsAFile_Throws()
    {
        var dag = new TestDag();
        var file = dag.Leaf("not a shard"u8.ToArray(), LeafFormat.DagPbFile);
        var shard = dag.Shard(256, [("3A", file)]);

        var error = await AssertUnixFsErrorAsync(async () => await new UnixFsReader(dag.Store).ListAsync(shard).ToListAsync());

        Assert.Equal($"HAMT shard {shard} links {file} as sub-shard '3A', but it is a file", error.Reason);
    }

    [Fact]
    public async Task ListAsync_HamtSubShardOfAnotherFanout_Throws()
    {
        var dag = new TestDag();
        var sub = dag.Shard(16, [("0a", dag.RawLeaf("a"u8))]);
        var shard = dag.Shard(256, [("3A", sub)]);

        var error = await AssertUnixFsErrorAsync(async () => await new UnixFsReader(dag.Store).ListAsync(shard).ToListAsync());

        Assert.Equal($"HAMT shard {shard} has fanout 256 but its sub-shard {sub} has 16", error.Reason);
    }

    [Fact]
    public async Task ListAsync_DirectoryWithDuplicateNames_ThrowsBeforeAnyEntry()
    {
        var dag = new TestDag();
        var leaf = dag.RawLeaf("a"u8);
        var dir = dag.PutUnixFs(new UnixFsData { Type = UnixFsType.Directory }, [new DagPbLink(leaf, "same", 1), new DagPbLink(leaf, "same", 1)]);
        var seen = 0;

        var error = await AssertUnixFsErrorAsync(async () =>
        {
            await foreach (var _ in new UnixFsReader(dag.Store).ListAsync(dir))
            {
                seen++;
            }
        });

        Assert.Equal($"directory {dir} has two entries named 'same'", error.Reason);
        Assert.Equal(0, seen);
    }

    [Fact]
    public async Task ListAsync_MissingSubShard_ThrowsBlockNotFound()
    {
        var dag = new TestDag();
        var missing = Cid.Compute(Multicodec.DagPb, DagPbCodec.Encode(new DagPbNode([], new byte[] { 0x08, 0x05 })));
        var shard = dag.Shard(256, [("00a", dag.RawLeaf("a"u8)), ("01", missing)]);

        var error = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(async () => await new UnixFsReader(dag.Store).ListAsync(shard).ToListAsync());

        Assert.Equal(missing, error.Cid);
    }

    [Fact]
    public async Task ListAsync_Cancelled_ThrowsOperationCanceled()
    {
        var dag = new TestDag();
        var dir = dag.Directory(("a", dag.RawLeaf("a"u8)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await new UnixFsReader(dag.Store).ListAsync(dir, new CancellationToken(true)).ToListAsync());
    }
}
