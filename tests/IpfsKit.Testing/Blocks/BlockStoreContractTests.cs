using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Testing.Blocks;

/// <summary>
/// What every <see cref="IBlockStore"/> does, written once: a test class per store derives from this and says how to
/// make a store and how to read the store's own accounting; xunit runs these facts once for each such class.
/// </summary>
/// <typeparam name="TStore">The store type under test (disposed after each test when it is <see cref="IDisposable"/>).</typeparam>
public abstract class BlockStoreContractTests<TStore>
    where TStore : class, IBlockStore
{
    /// <summary>Gets whether <c>GetAsync</c> returns the very instance that was put (memory stores) rather than an equal block.</summary>
    protected virtual bool KeepsInstances => false;

    /// <summary>Makes an empty store with room for every block these tests put.</summary>
    protected abstract Task<TStore> CreateStoreAsync();

    /// <summary>Asserts that the store's own accounting (counts, bytes, files) says it holds exactly <paramref name="blocks"/>.</summary>
    protected abstract void AssertHolds(TStore store, params Block[] blocks);

    /// <summary>More checks of a store's own after <see cref="PutGetHasDeleteEnumerate_OneBlock"/> (its statistics, say).</summary>
    protected virtual void AssertAfterRoundTrip(TStore store)
    {
    }

    [Fact]
    public async Task PutGetHasDeleteEnumerate_OneBlock()
    {
        var store = await CreateStoreAsync();
        using var owned = store as IDisposable;
        var block = Block.Create("one block"u8.ToArray());

        Assert.Null(await store.GetAsync(block.Cid));
        Assert.False(await store.HasAsync(block.Cid));
        await store.PutAsync(block);

        Assert.True(await store.HasAsync(block.Cid));
        AssertSameBlock(block, await store.GetAsync(block.Cid));
        Assert.Equal([block.Cid], await store.EnumerateAsync().ToListAsync());
        AssertHolds(store, block);

        Assert.True(await store.DeleteAsync(block.Cid));
        Assert.False(await store.DeleteAsync(block.Cid));
        Assert.False(await store.HasAsync(block.Cid));
        Assert.Null(await store.GetAsync(block.Cid));
        Assert.Empty(await store.EnumerateAsync().ToListAsync());
        AssertHolds(store);
        AssertAfterRoundTrip(store);
    }

    [Fact]
    public async Task PutAsync_SameBlockTwice_StoredOnce()
    {
        var store = await CreateStoreAsync();
        using var owned = store as IDisposable;
        var first = Block.Create("twice"u8.ToArray());
        var second = Block.Create("twice"u8.ToArray());

        await store.PutAsync(first);
        await store.PutAsync(second);

        AssertHolds(store, first);
        var kept = await store.GetAsync(second.Cid);
        AssertSameBlock(first, kept);
    }

    [Fact]
    public async Task PutLentAsync_BufferReusedAfterwards_KeepsACopy()
    {
        var store = await CreateStoreAsync();
        using var owned = store as IDisposable;
        var buffer = "lent"u8.ToArray();
        var block = Block.Create(buffer);

        await store.PutLentAsync(block);
        buffer.AsSpan().Fill((byte)'x');

        var kept = await store.GetAsync(block.Cid);
        Assert.Equal("lent"u8.ToArray(), kept!.Data.ToArray());
        Assert.Equal(block.Cid, kept.Cid);
    }

    [Fact]
    public async Task GetAsync_CidFromText_FindsTheBlock()
    {
        var store = await CreateStoreAsync();
        using var owned = store as IDisposable;
        var block = Block.Create("hello world\n"u8.ToArray());
        await store.PutAsync(block);

        // A CID parsed from any base is the same key.
        AssertSameBlock(block, await store.GetAsync(Cid.Parse(block.Cid.ToString(MultibaseEncoding.Base58Btc))));
    }

    [Fact]
    public async Task PutAsync_V0AndV1OfTheSameBytes_AreTwoKeys()
    {
        var store = await CreateStoreAsync();
        using var owned = store as IDisposable;
        var bytes = new byte[] { 0x0A, 0x02, 0x08, 0x01 };
        var v0 = Block.Create(bytes, Multicodec.DagPb, version: 0);
        var v1 = Block.Create(bytes, Multicodec.DagPb);

        await store.PutAsync(v0);

        Assert.False(await store.HasAsync(v1.Cid));
        await store.PutAsync(v1);
        AssertHolds(store, v0, v1);
    }

    [Fact]
    public async Task PutAsync_Null_ThrowsArgumentNull()
    {
        var store = await CreateStoreAsync();
        using var owned = store as IDisposable;

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.PutAsync(null!).AsTask());
    }

    [Fact]
    public async Task Operations_CancelledToken_ThrowOperationCanceledUnwrapped()
    {
        var store = await CreateStoreAsync();
        using var owned = store as IDisposable;
        var block = Block.Create("held"u8.ToArray());
        await store.PutAsync(block);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(block.Cid, cts.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.HasAsync(block.Cid, cts.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync(Block.Create("refused"u8.ToArray()), cts.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DeleteAsync(block.Cid, cts.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.EnumerateAsync(cts.Token).ToListAsync().AsTask());
        AssertHolds(store, block); // nothing half-done
    }

    private void AssertSameBlock(Block expected, Block? actual)
    {
        Assert.NotNull(actual);
        if (KeepsInstances)
        {
            Assert.Same(expected, actual);
        }
        else
        {
            Assert.Equal(expected.Cid, actual.Cid);
            Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
        }
    }
}
