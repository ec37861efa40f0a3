using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content.UnixFs.Reading;

public sealed partial class UnixFsFileStreamTests
{
    [Theory]
    [InlineData(LeafFormat.Raw, 1000, 3)]
    [InlineData(LeafFormat.DagPbFile, 1000, 3)]
    [InlineData(LeafFormat.DagPbRaw, 1000, 3)]
    [InlineData(LeafFormat.DagPbFile, 4096, 174)]
    [InlineData(LeafFormat.Raw, 1, 2)]
    public async Task ReadAsync_BalancedTree_EqualsInput(LeafFormat leaves, int chunkSize, int fanout)
    {
        var data = Bytes(20_000, 1);
        var dag = new TestDag();
        var root = dag.Balanced(data, chunkSize, fanout, leaves);

        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(root.Cid);

        Assert.Equal(data.Length, stream.Length);
        Assert.Equal(data, await ReadToEndAsync(stream, 777));
    }

    [Fact]
    public async Task ReadAsync_NodeWithDataAndLinks_DataBytesComeFirst()
    {
        var dag = new TestDag();
        var a = dag.RawLeaf("bb"u8);
        var b = dag.Leaf("ccc"u8.ToArray(), LeafFormat.DagPbFile);
        var root = dag.FileNode("aaaa"u8.ToArray(), [(a, 2), (b, 3)]);

        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(root);

        Assert.Equal("aaaabbccc"u8.ToArray(), await ReadToEndAsync(stream, 4));
        stream.Position = 3;
        Assert.Equal("abbc"u8.ToArray(), await ReadExactlyAsync(stream, 4));
    }

    [Fact]
    public async Task ReadAsync_EmptyChildren_SkippedWithoutFetching()
    {
        var dag = new TestDag();
        var empty = dag.Leaf(default, LeafFormat.DagPbFile);
        var a = dag.RawLeaf("ab"u8);
        var root = dag.FileNode(default, [(empty, 0), (a, 2), (empty, 0)]);
        var counting = new CountingSource(dag.Store);

        await using var stream = await new UnixFsReader(counting).OpenReadAsync(root);

        Assert.Equal("ab"u8.ToArray(), await ReadToEndAsync(stream, 10));
        Assert.DoesNotContain(empty, counting.Fetched);
    }

    [Fact]
    public async Task Seek_RangeInLargeTree_FetchesOnlyTheBlocksOnItsPath()
    {
        var data = Bytes(100 * 1024, 5);
        var dag = new TestDag();
        var root = dag.Balanced(data, 1024, 10, LeafFormat.DagPbFile); // 100 leaves, depth 2 below the root
        var counting = new CountingSource(dag.Store);
        await using var stream = await new UnixFsReader(counting).OpenReadAsync(root.Cid);

        stream.Seek(50 * 1024 + 100, SeekOrigin.Begin);
        var range = await ReadExactlyAsync(stream, 2048);

        Assert.Equal(data.AsSpan(50 * 1024 + 100, 2048).ToArray(), range);
        // The root, the one internal node over leaves 50 to 59, and leaves 50, 51 and 52: five blocks of 111.
        AssertSameBlocks(root.Needed(50 * 1024 + 100, 2048), counting.Fetched);
        Assert.Equal(5, counting.Fetched.Count);
    }

    [Fact]
    public async Task Seek_BackIntoALeftSubtree_FetchesItsInteriorNodeOnce()
    {
        var data = Bytes(100 * 1024, 5);
        var dag = new TestDag();
        var root = dag.Balanced(data, 1024, 10, LeafFormat.DagPbFile); // 100 leaves under 10 internal nodes
        var counting = new CountingSource(dag.Store);
        await using var stream = await new UnixFsReader(counting).OpenReadAsync(root.Cid);

        foreach (var offset in new[] { 50 * 1024 + 100, 5 * 1024 + 10, 50 * 1024 + 200 })
        {
            stream.Position = offset;
            Assert.Equal(data.AsSpan(offset, 100).ToArray(), await ReadExactlyAsync(stream, 100));
        }

        // The root, internal nodes 5 and 0 once each, and a leaf a read: leaf 50 twice (leaves are not kept), leaf 5.
        Assert.Equal(6, counting.Fetched.Count);
        Assert.Equal(5, counting.Fetched.Distinct().Count());
    }

    [Fact]
    public async Task ReadAsync_Sequential_FetchesEachBlockOnce()
    {
        var data = Bytes(64 * 1024, 6);
        var dag = new TestDag();
        var root = dag.Balanced(data, 1000, 4, LeafFormat.Raw);
        var counting = new CountingSource(dag.Store);
        await using var stream = await new UnixFsReader(counting).OpenReadAsync(root.Cid);

        Assert.Equal(data, await ReadToEndAsync(stream, 100));

        AssertSameBlocks(root.All().Select(n => n.Cid), counting.Fetched);
    }

    [Fact]
    public async Task ReadAsync_ReadAheadFromSlowSource_SameBytesAndEachBlockOnce()
    {
        var data = Bytes(50_000, 7);
        var dag = new TestDag();
        var root = dag.Balanced(data, 1000, 8, LeafFormat.DagPbFile);
        var counting = new CountingSource(new DelayedSource(dag.Store));
        var reader = new UnixFsReader(counting, new UnixFsReaderOptions { ReadAheadBlocks = 4 });
        await using var stream = await reader.OpenReadAsync(root.Cid);

        Assert.Equal(data, await ReadToEndAsync(stream, 300));

        AssertSameBlocks(root.All().Select(n => n.Cid), counting.Fetched);
    }

    [Fact]
    public async Task ReadAsync_ReadAheadHitsMissingBlock_RangeBeforeItStillReads()
    {
        var data = Bytes(10_000, 8);
        var dag = new TestDag();
        var root = dag.Balanced(data, 1000, 10, LeafFormat.Raw);
        var missing = root.Children[2].Cid;
        await dag.Store.DeleteAsync(missing);
        var reader = new UnixFsReader(new DelayedSource(dag.Store), new UnixFsReaderOptions { ReadAheadBlocks = 3 });
        await using var stream = await reader.OpenReadAsync(root.Cid);

        Assert.Equal(data.AsSpan(0, 2000).ToArray(), await ReadExactlyAsync(stream, 2000));

        var error = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => stream.ReadAsync(new byte[10]).AsTask());
        Assert.Equal(missing, error.Cid);
    }

    [Fact]
    public async Task CopyToAsync_FromMiddle_CopiesTheRest()
    {
        var data = Bytes(9000, 9);
        var dag = new TestDag();
        var root = dag.Balanced(data, 1000, 3, LeafFormat.DagPbFile);
        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(root.Cid);
        stream.Position = 1234;

        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(data.AsSpan(1234).ToArray(), copy.ToArray());
        Assert.Equal(data.Length, stream.Position);
    }

    [Fact]
    public async Task Read_Synchronous_SameBytesAsAsync()
    {
        var data = Bytes(5000, 10);
        var dag = new TestDag();
        var root = dag.Balanced(data, 512, 3, LeafFormat.Raw);
        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(root.Cid);

        Assert.Equal(data[0], stream.ReadByte());
        var array = new byte[1000];
        Assert.Equal(1000, stream.Read(array, 0, 1000));
        Span<byte> span = new byte[1000];
        Assert.Equal(1000, stream.Read(span));
        var rest = new MemoryStream();
        stream.CopyTo(rest);

        Assert.Equal(data, new[] { data[0] }.Concat(array).Concat(span.ToArray()).Concat(rest.ToArray()).ToArray());
        Assert.Equal(-1, stream.ReadByte());
    }

    [Fact]
    public async Task Write_AnyWay_ThrowsNotSupported()
    {
        var dag = new TestDag();
        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(dag.RawLeaf("abc"u8));

        Assert.False(stream.CanWrite);
        Assert.True(stream.CanRead);
        Assert.True(stream.CanSeek);
        Assert.Throws<NotSupportedException>(() => stream.Write([1], 0, 1));
        Assert.Throws<NotSupportedException>(() => stream.WriteByte(1));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(1));
        await Assert.ThrowsAsync<NotSupportedException>(() => stream.WriteAsync(new byte[1]).AsTask());
    }

    [Fact]
    public async Task Seek_BeyondEnd_ReadReturnsZero()
    {
        var data = Bytes(3000, 11);
        var dag = new TestDag();
        var root = dag.Balanced(data, 1000, 2, LeafFormat.DagPbFile);
        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(root.Cid);

        Assert.Equal(3010, stream.Seek(10, SeekOrigin.End));
        Assert.Equal(0, await stream.ReadAsync(new byte[10]));
        Assert.Equal(0, stream.Read(new byte[10], 0, 10));
        stream.Position = long.MaxValue;
        Assert.Equal(0, await stream.ReadAsync(new byte[10]));
        Assert.Equal(long.MaxValue, stream.Position);
    }

    [Fact]
    public async Task Seek_EveryOrigin_MovesAndBeforeStartThrows()
    {
        var data = Bytes(3000, 12);
        var dag = new TestDag();
        var root = dag.Balanced(data, 1000, 2, LeafFormat.Raw);
        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(root.Cid);

        Assert.Equal(2500, stream.Seek(-500, SeekOrigin.End));
        Assert.Equal(2000, stream.Seek(-500, SeekOrigin.Current));
        Assert.Equal(data[2000], stream.ReadByte());
        Assert.Throws<IOException>(() => stream.Seek(-1, SeekOrigin.Begin));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Position = -1);
        Assert.Equal(2001, stream.Position);
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var dag = new TestDag();
        var stream = await new UnixFsReader(dag.Store, new UnixFsReaderOptions { ReadAheadBlocks = 2 }).OpenReadAsync(dag.RawLeaf("abc"u8));

        await stream.DisposeAsync();

        Assert.False(stream.CanRead);
        Assert.False(stream.CanSeek);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => stream.ReadAsync(new byte[1]).AsTask());
        Assert.Throws<ObjectDisposedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<ObjectDisposedException>(() => stream.Length);
    }

    [Fact]
    public async Task ReadAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var dag = new TestDag();
        var root = dag.Balanced(Bytes(3000, 13), 1000, 2, LeafFormat.Raw);
        await using var stream = await new UnixFsReader(dag.Store).OpenReadAsync(root.Cid);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(new byte[10], new CancellationToken(true)).AsTask());
    }

    internal static byte[] Bytes(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    internal static async Task<byte[]> ReadToEndAsync(Stream stream, int bufferSize)
    {
        var all = new MemoryStream();
        var buffer = new byte[bufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return all.ToArray();
    }

    internal static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        var read = await stream.ReadAtLeastAsync(buffer, count, throwOnEndOfStream: false);
        return buffer.AsSpan(0, read).ToArray();
    }

    /// <summary>Compares fetches as multisets: the same blocks, each as many times.</summary>
    internal static void AssertSameBlocks(IEnumerable<Cid> expected, IEnumerable<Cid> fetched) =>
        Assert.Equal(expected.Order().Select(c => c.ToString()), fetched.Order().Select(c => c.ToString()));
}
