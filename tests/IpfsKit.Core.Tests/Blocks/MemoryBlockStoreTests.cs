using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Tests.Blocks;

public sealed class MemoryBlockStoreTests
{
    [Fact]
    public async Task PutGetHasDeleteEnumerate_OneBlock()
    {
        var store = new MemoryBlockStore();
        var block = Block.Create("x"u8.ToArray());

        Assert.Null(await store.GetAsync(block.Cid));
        Assert.False(await store.HasAsync(block.Cid));
        await store.PutAsync(block);

        Assert.True(await store.HasAsync(block.Cid));
        Assert.Same(block, await store.GetAsync(block.Cid));
        Assert.Equal([block.Cid], await store.EnumerateAsync().ToListAsync());
        Assert.Equal(1, store.Count);
        Assert.Equal(1, store.TotalBytes);

        Assert.True(await store.DeleteAsync(block.Cid));
        Assert.False(await store.DeleteAsync(block.Cid));
        Assert.False(await store.HasAsync(block.Cid));
        Assert.Null(await store.GetAsync(block.Cid));
        Assert.Empty(await store.EnumerateAsync().ToListAsync());
        Assert.Equal(0, store.TotalBytes);
    }

    [Fact]
    public async Task PutLentAsync_BufferReusedAfterwards_KeepsACopy()
    {
        var store = new MemoryBlockStore();
        var buffer = "lent"u8.ToArray();
        var block = Block.Create(buffer);

        await ((IBlockStore)store).PutLentAsync(block);
        buffer.AsSpan().Fill((byte)'x');

        var kept = await store.GetAsync(block.Cid);
        Assert.Equal("lent"u8.ToArray(), kept!.Data.ToArray());
        Assert.Equal(block.Cid, kept.Cid);
    }

    [Fact]
    public async Task PutAsync_SameBlockTwice_StoredOnce()
    {
        var store = new MemoryBlockStore();
        var first = Block.Create("x"u8.ToArray());
        var second = Block.Create("x"u8.ToArray());

        await store.PutAsync(first);
        await store.PutAsync(second);

        Assert.Equal(1, store.Count);
        Assert.Same(first, await store.GetAsync(second.Cid));
    }

    [Fact]
    public async Task GetAsync_CidFromText_FindsTheBlock()
    {
        var store = new MemoryBlockStore();
        var block = Block.Create("hello world\n"u8.ToArray());
        await store.PutAsync(block);

        // A CID parsed from any base is the same key.
        Assert.Same(block, await store.GetAsync(Cid.Parse(block.Cid.ToString(MultibaseEncoding.Base58Btc))));
    }

    [Fact]
    public async Task PutAsync_V0AndV1OfTheSameBytes_AreTwoKeys()
    {
        var store = new MemoryBlockStore();
        var bytes = new byte[] { 0x0A, 0x02, 0x08, 0x01 };
        var v0 = Block.Create(bytes, Multicodec.DagPb, version: 0);
        var v1 = Block.Create(bytes, Multicodec.DagPb);

        await store.PutAsync(v0);

        Assert.False(await store.HasAsync(v1.Cid));
        await store.PutAsync(v1);
        Assert.Equal(2, store.Count);
        Assert.Equal(8, store.TotalBytes);
    }

    [Fact]
    public async Task PutAsync_Null_ThrowsArgumentNull() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => new MemoryBlockStore().PutAsync(null!).AsTask());

    [Fact]
    public async Task Operations_CancelledToken_ThrowOperationCanceledUnwrapped()
    {
        var store = new MemoryBlockStore();
        var block = Block.Create("x"u8.ToArray());
        await store.PutAsync(block);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(block.Cid, cts.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.HasAsync(block.Cid, cts.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync(Block.Create("y"u8.ToArray()), cts.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DeleteAsync(block.Cid, cts.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.EnumerateAsync(cts.Token).ToListAsync().AsTask());
        Assert.Equal(1, store.Count); // nothing half-done
    }

    [Fact]
    public async Task PutAsync_ConcurrentWriters_EveryBlockOnce()
    {
        var store = new MemoryBlockStore();
        var blocks = Enumerable.Range(0, 500).Select(i => Block.Create(BitConverter.GetBytes(i % 250))).ToArray();

        await Parallel.ForEachAsync(blocks, async (block, token) => await store.PutAsync(block, token));

        Assert.Equal(250, store.Count);
        Assert.Equal(250 * 4, store.TotalBytes);
        Assert.Equal(blocks.Select(b => b.Cid).Distinct().Order(), (await store.EnumerateAsync().ToListAsync()).Order());
    }

    // Model-based: a random sequence of puts and deletes leaves the store holding exactly what a dictionary holds.
    [Property]
    public Property Operations_RandomSequence_MatchDictionaryModel() =>
        Prop.ForAll(OperationsGen.ToArbitrary(), operations =>
        {
            var store = new MemoryBlockStore();
            var model = new Dictionary<Cid, Block>();
            foreach (var (put, block) in operations)
            {
                if (put)
                {
                    store.PutAsync(block).AsTask().GetAwaiter().GetResult();
                    model.TryAdd(block.Cid, block);
                }
                else
                {
                    var deleted = store.DeleteAsync(block.Cid).AsTask().GetAwaiter().GetResult();
                    if (deleted != model.Remove(block.Cid))
                    {
                        return false;
                    }
                }
            }

            var listed = store.EnumerateAsync().ToListAsync().AsTask().GetAwaiter().GetResult();
            return store.Count == model.Count
                && store.TotalBytes == model.Values.Sum(b => (long)b.Size)
                && listed.Order().SequenceEqual(model.Keys.Order())
                && operations.All(o => store.HasAsync(o.Block.Cid).AsTask().GetAwaiter().GetResult() == model.ContainsKey(o.Block.Cid))
                && model.Values.All(b => ReferenceEquals(store.GetAsync(b.Cid).AsTask().GetAwaiter().GetResult(), b));
        });

    private static Gen<(bool Put, Block Block)[]> OperationsGen =>
        from pool in Gen.ArrayOf(BlockTests.BlockGen, 5)
        from operations in Gen.ArrayOf(
            from put in Gen.Frequency((2, Gen.Constant(true)), (1, Gen.Constant(false)))
            from index in Gen.Choose(0, 4)
            select (put, pool[index]))
        select operations;
}
