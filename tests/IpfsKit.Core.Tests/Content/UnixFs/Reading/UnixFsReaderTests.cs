using System.Collections.Concurrent;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.UnixFs.Reading;

public sealed class UnixFsReaderTests
{
    [Property(MaxTest = 50)]
    public Property ReadAfterImport_RandomDataAndSettings_SameBytesAndRanges()
    {
        var gen =
            from c in ImportCase.Gen(30_000, 3000, 8)
            from start in Gen.Choose(0, 32_000)
            from length in Gen.Choose(0, 10_000)
            select (c, start, length);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (c, start, length) = t;
            var data = c.Data();
            var store = new MemoryBlockStore();
            var root = c.Import(data, store);
            using var stream = new UnixFsReader(store).OpenReadAsync(root.Cid).GetAwaiter().GetResult();

            Assert.Equal(data.Length, stream.Length);
            var all = new MemoryStream();
            stream.CopyTo(all);
            Assert.Equal(data, all.ToArray());

            stream.Position = start;
            var range = new byte[length];
            var read = stream.ReadAtLeast(range, length, throwOnEndOfStream: false);
            var expected = data.AsSpan(Math.Min(start, data.Length)).ToArray().Take(length).ToArray();
            Assert.Equal(expected, range.AsSpan(0, read).ToArray());
        });
    }

    [Fact]
    public async Task Seek_RangeInLargeFile_FetchesOnlyTheLeavesItNeeds()
    {
        var data = Random(100 * 1024, 5);
        var store = new MemoryBlockStore();
        var options = ImportOptions.UnixFsV0Of2015 with { ChunkSize = 1024, MaxLinks = 10 };
        var root = await new UnixFsImporter(store, options).AddFileAsync(new MemoryStream(data));
        var counting = new CountingSource(store);
        await using var stream = await new UnixFsReader(counting).OpenReadAsync(root.Cid);

        stream.Position = 50 * 1024;
        var buffer = new byte[2048];
        await stream.ReadExactlyAsync(buffer);

        Assert.Equal(data.AsSpan(50 * 1024, 2048).ToArray(), buffer);
        // Root, one node per level on the way down (depth 2 below the root for 100 leaves of fanout 10), and 2 leaves.
        Assert.True(counting.Fetched.Count <= 5, $"fetched {counting.Fetched.Count} blocks");
        Assert.Equal(2, counting.Fetched.Keys.Count(c => DagPbCodec.Decode(store.GetRequiredAsync(c).AsTask().Result.Data).Links.Count == 0));
    }

    [Fact]
    public async Task SequentialRead_FetchesEachBlockOnce()
    {
        var data = Random(64 * 1024, 6);
        var store = new MemoryBlockStore();
        var root = await new UnixFsImporter(store, ImportOptions.UnixFsV0Of2015 with { ChunkSize = 1024, MaxLinks = 4 }).AddFileAsync(new MemoryStream(data));
        var counting = new CountingSource(store);
        await using var stream = await new UnixFsReader(counting).OpenReadAsync(root.Cid);

        await stream.CopyToAsync(Stream.Null, 100);

        Assert.Equal(store.Count, counting.Fetched.Count);
        Assert.All(counting.Fetched.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task OpenRead_KnownHelloWorldBlock_ReadsText()
    {
        var store = new MemoryBlockStore();
        var unixFs = UnixFsCodec.Encode(new UnixFsData { Type = UnixFsType.File, Data = Encoding.ASCII.GetBytes("hello world\n"), FileSize = 12 });
        var block = Block.Create(DagPbCodec.Encode(new DagPbNode([], unixFs)), Multicodec.DagPb, 0);
        await store.PutAsync(block);

        await using var stream = await new UnixFsReader(store).OpenReadAsync(Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"));

        Assert.Equal("hello world\n", await new StreamReader(stream).ReadToEndAsync());
    }

    [Fact]
    public async Task OpenRead_BlockSizesDisagreeWithFileSize_ThrowsNamingBoth()
    {
        var store = new MemoryBlockStore();
        var leaf = Block.Create(new byte[10]);
        await store.PutAsync(leaf);
        var root = await PutFileNodeAsync(store, [leaf.Cid], [10], fileSize: 11);

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => new UnixFsReader(store).OpenReadAsync(root));
        Assert.Contains("filesize 11", error.Reason, StringComparison.Ordinal);
        Assert.Contains("add up to 10", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ChildSmallerThanItsBlockSize_ThrowsInsteadOfWrongBytes()
    {
        var store = new MemoryBlockStore();
        var leaf = Block.Create(new byte[10]);
        await store.PutAsync(leaf);
        var root = await PutFileNodeAsync(store, [leaf.Cid], [12], fileSize: 12);
        await using var stream = await new UnixFsReader(store).OpenReadAsync(root);

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => stream.ReadAsync(new byte[12]).AsTask());
        Assert.Contains("holds 10 bytes", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRead_LinkCountDiffersFromBlockSizes_Throws()
    {
        var store = new MemoryBlockStore();
        var leaf = Block.Create(new byte[10]);
        var root = await PutFileNodeAsync(store, [leaf.Cid], [5, 5], fileSize: 10);

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => new UnixFsReader(store).OpenReadAsync(root));
        Assert.Contains("1 links but 2 blocksizes", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRead_MissingLeaf_ThrowsBlockNotFoundOnRead()
    {
        var store = new MemoryBlockStore();
        var missing = Cid.Compute(Multicodec.Raw, new byte[10]);
        var root = await PutFileNodeAsync(store, [missing], [10], fileSize: 10);
        await using var stream = await new UnixFsReader(store).OpenReadAsync(root);

        var error = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => stream.ReadAsync(new byte[10]).AsTask());
        Assert.Equal(missing, error.Cid);
    }

    [Fact]
    public async Task OpenRead_Directory_ThrowsSayingItIsADirectory()
    {
        var store = new MemoryBlockStore();
        var dir = await new UnixFsImporter(store).AddAsync([ImportEntry.Directory("d")]);

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => new UnixFsReader(store).OpenReadAsync(dir.Cid));
        Assert.Contains("Directory, not a file", error.Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IpfsKitFormatException>(async () =>
        {
            var file = await new UnixFsImporter(store).AddFileAsync(new MemoryStream([1]));
            await foreach (var _ in new UnixFsReader(store).ListAsync(file.Cid))
            {
            }
        });
    }

    [Fact]
    public async Task Stream_WriteAndSeekPastEnd_BehaveLikeReadOnlyStream()
    {
        var store = new MemoryBlockStore();
        var file = await new UnixFsImporter(store).AddFileAsync(new MemoryStream(new byte[100]));
        await using var stream = await new UnixFsReader(store).OpenReadAsync(file.Cid);

        Assert.Throws<NotSupportedException>(() => stream.Write([1], 0, 1));
        Assert.False(stream.CanWrite);
        stream.Seek(10, SeekOrigin.End);
        Assert.Equal(0, await stream.ReadAsync(new byte[10]));
    }

    [Fact]
    public async Task List_PlainAndShardedDirectories_SameEntries()
    {
        var entries = Enumerable.Range(0, 500).Select(i => ImportEntry.File($"d/n{i:D3}", Encoding.UTF8.GetBytes(i.ToString()))).ToArray();
        var store = new MemoryBlockStore();
        var plain = await new UnixFsImporter(store).AddAsync(entries);
        var sharded = await new UnixFsImporter(store, ImportOptions.UnixFsV0Of2015 with { HamtShardingThreshold = 100 }).AddAsync(entries);
        var reader = new UnixFsReader(store);

        Assert.Equal(UnixFsNodeKind.ShardedDirectory, (await reader.StatAsync(sharded.Cid)).Kind);
        var a = await reader.ListAsync(plain.Cid).Select(e => (e.Name, e.Cid)).OrderBy(e => e.Name, StringComparer.Ordinal).ToListAsync();
        var b = await reader.ListAsync(sharded.Cid).Select(e => (e.Name, e.Cid)).OrderBy(e => e.Name, StringComparer.Ordinal).ToListAsync();
        Assert.Equal(500, a.Count);
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task OpenRead_IdentityCid_ReadsInlineBytesWithoutFetching()
    {
        var cid = Cid.CreateV1(Multicodec.Raw, Multihash.Compute(Multicodec.Identity, "inline"u8));

        await using var stream = await new UnixFsReader(new MemoryBlockStore()).OpenReadAsync(cid);

        Assert.Equal("inline", await new StreamReader(stream).ReadToEndAsync());
    }

    private static async Task<Cid> PutFileNodeAsync(MemoryBlockStore store, Cid[] children, ulong[] sizes, ulong fileSize)
    {
        var data = UnixFsCodec.Encode(new UnixFsData { Type = UnixFsType.File, FileSize = fileSize, BlockSizes = sizes });
        var block = Block.Create(DagPbCodec.Encode(new DagPbNode(children.Select(c => new DagPbLink(c, "", 10)).ToArray(), data)), Multicodec.DagPb, 0);
        await store.PutAsync(block);
        return block.Cid;
    }

    private static byte[] Random(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    private sealed class CountingSource(IBlockSource inner) : IBlockSource
    {
        public ConcurrentDictionary<Cid, int> Fetched { get; } = new();

        public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
        {
            Fetched.AddOrUpdate(cid, 1, (_, n) => n + 1);
            return inner.GetAsync(cid, cancellationToken);
        }
    }
}
