using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Storage;
using IpfsKit.Testing.Blocks;

namespace IpfsKit.Tests.Storage;

[Trait("Category", "Storage")]
public sealed partial class DiskBlockTierTests : BlockStoreContractTests<DiskBlockTier>, IDisposable
{
    private readonly DiskTierFolder _folder = new();
    private readonly Random _random = new(1234);

    public void Dispose() => _folder.Dispose();

    private Task<DiskBlockTier> OpenAsync(long capacity = 1 << 20, bool fsync = false) =>
        DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = _folder.Path, Capacity = capacity, Fsync = fsync });

    private Block NewBlock(int size) => DiskTierFolder.RandomBlock(_random, size);

    protected override Task<DiskBlockTier> CreateStoreAsync() => OpenAsync(fsync: true);

    protected override void AssertHolds(DiskBlockTier store, params Block[] blocks)
    {
        Assert.Equal(blocks.Sum(b => (long)b.Size), store.UsedBytes);
        Assert.Equal(blocks.Select(b => _folder.DataFile(b.Cid)).Order(), _folder.DataFiles().Order());
        Assert.Empty(_folder.TempFiles());
    }

    protected override void AssertAfterRoundTrip(DiskBlockTier store)
    {
        Assert.Equal("disk", store.Name);
        Assert.Equal(new BlockStoreStatistics("disk", 1, 2, 0, 0, 0, 1 << 20, 0), store.GetStatistics());
    }

    [Fact]
    public async Task PutAsync_AnyCid_WritesNextToLastTwoLayout()
    {
        using var tier = await OpenAsync();
        var v0 = Block.Create(new byte[] { 0x0A, 0x02, 0x08, 0x01 }, Multicodec.DagPb, version: 0);
        var v1 = Block.Create(new byte[] { 0x0A, 0x02, 0x08, 0x01 }, Multicodec.DagPb);

        await tier.PutAsync(v0);
        await tier.PutAsync(v1);

        // CIDv0 and CIDv1 of the same bytes are two keys and two files.
        Assert.True(File.Exists(_folder.DataFile(v0.Cid)));
        Assert.True(File.Exists(_folder.DataFile(v1.Cid)));
        Assert.Equal(2, _folder.DataFiles().Count());
    }

    [Fact]
    public async Task OpenAsync_Reopen_FindsEveryBlockAndPin()
    {
        var blocks = Enumerable.Range(1, 20).Select(i => NewBlock(i * 37)).ToList();
        var absent = NewBlock(10);
        using (var tier = await OpenAsync(fsync: true))
        {
            foreach (var block in blocks)
            {
                await tier.PutAsync(block);
            }

            Assert.True(await tier.PinAsync(blocks[3].Cid));
            Assert.False(await tier.PinAsync(absent.Cid));
        }

        using var reopened = await OpenAsync();

        Assert.Equal(blocks.Sum(b => (long)b.Size), reopened.UsedBytes);
        Assert.Equal(blocks.Select(b => b.Cid).Order(), (await reopened.EnumerateAsync().ToListAsync()).Order());
        foreach (var block in blocks)
        {
            Assert.Equal(block.Data.ToArray(), (await reopened.GetAsync(block.Cid))!.Data.ToArray());
        }

        Assert.True(reopened.IsPinned(blocks[3].Cid));
        Assert.True(reopened.IsPinned(absent.Cid));
        Assert.False(reopened.IsPinned(blocks[4].Cid));
        Assert.Equal(blocks.Count, reopened.GetStatistics().Blocks);
    }

    [Fact]
    public async Task PutAsync_OverBudget_EvictsLeastRecentlyReadFirst()
    {
        using var tier = await OpenAsync(capacity: 3000);
        var (a, b, c, d) = (NewBlock(1000), NewBlock(1000), NewBlock(1000), NewBlock(1000));
        await tier.PutAsync(a);
        await tier.PutAsync(b);
        await tier.PutAsync(c);

        Assert.NotNull(await tier.GetAsync(a.Cid));
        await tier.PutAsync(d);

        Assert.False(await tier.HasAsync(b.Cid));
        Assert.False(File.Exists(_folder.DataFile(b.Cid)));
        Assert.True(await tier.HasAsync(a.Cid));
        Assert.Equal(3000, tier.UsedBytes);
        Assert.Equal(1, tier.GetStatistics().Evictions);

        // A put of a present block touches it too.
        await tier.PutAsync(c);
        await tier.PutAsync(b);
        Assert.False(await tier.HasAsync(a.Cid));
        Assert.True(await tier.HasAsync(c.Cid));
        Assert.True(tier.UsedBytes <= tier.Capacity);
        Assert.Equal(3, _folder.DataFiles().Count());
    }

    [Fact]
    public async Task PutAsync_PinnedBlocks_SurviveEvictionAndRestart()
    {
        var pinned = NewBlock(1000);
        var others = Enumerable.Range(0, 10).Select(_ => NewBlock(900)).ToList();
        using (var tier = await OpenAsync(capacity: 3000))
        {
            await tier.PutAsync(pinned);
            Assert.True(await tier.PinAsync(pinned.Cid));
            foreach (var block in others)
            {
                await tier.PutAsync(block);
                Assert.True(tier.UsedBytes <= 3000);
            }

            Assert.NotNull(await tier.GetAsync(pinned.Cid));
        }

        using var reopened = await OpenAsync(capacity: 2000);
        Assert.True(reopened.IsPinned(pinned.Cid));
        Assert.NotNull(await reopened.GetAsync(pinned.Cid));
        Assert.True(reopened.UsedBytes <= 2000);
        Assert.True(await reopened.UnpinAsync(pinned.Cid));
        Assert.False(await reopened.UnpinAsync(pinned.Cid));
        Assert.False(File.Exists(_folder.PinFile(pinned.Cid)));
    }

    [Fact]
    public async Task PinAsync_AbsentBlock_KeptOnceItArrives()
    {
        using var tier = await OpenAsync(capacity: 2000);
        var kept = NewBlock(1000);

        Assert.False(await tier.PinAsync(kept.Cid));
        Assert.True(File.Exists(_folder.PinFile(kept.Cid)));
        await tier.PutAsync(kept);
        for (var i = 0; i < 5; i++)
        {
            await tier.PutAsync(NewBlock(1000));
        }

        Assert.True(await tier.HasAsync(kept.Cid));
        Assert.True(await tier.PinAsync(kept.Cid));

        // Delete removes the block and its pin.
        Assert.True(await tier.DeleteAsync(kept.Cid));
        Assert.False(tier.IsPinned(kept.Cid));
        Assert.False(File.Exists(_folder.PinFile(kept.Cid)));
    }

    [Fact]
    public async Task PutAsync_BlockLargerThanCapacity_ThrowsCapacity()
    {
        using var tier = await OpenAsync(capacity: 1000);
        var block = NewBlock(1001);

        var ex = await Assert.ThrowsAsync<IpfsKitCapacityException>(() => tier.PutAsync(block).AsTask());

        Assert.Equal(1001, ex.RequiredBytes);
        Assert.Equal(1000, ex.AvailableBytes);
        Assert.Contains(_folder.Path, ex.Store, StringComparison.Ordinal);
        Assert.Empty(_folder.DataFiles());
        Assert.Empty(_folder.TempFiles());
    }

    [Fact]
    public async Task PutAsync_PinnedBlocksLeaveNoRoom_ThrowsCapacity()
    {
        using var tier = await OpenAsync(capacity: 1000);
        var pinned = NewBlock(700);
        await tier.PutAsync(pinned);
        await tier.PinAsync(pinned.Cid);

        var ex = await Assert.ThrowsAsync<IpfsKitCapacityException>(() => tier.PutAsync(NewBlock(400)).AsTask());

        Assert.Equal(300, ex.AvailableBytes);
        Assert.Equal(700, tier.UsedBytes);
        Assert.Empty(_folder.TempFiles());
        await tier.PutAsync(NewBlock(300));
        Assert.Equal(1000, tier.UsedBytes);
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var tier = await OpenAsync();
        tier.Dispose();
        tier.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => tier.PutAsync(NewBlock(10)).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => tier.GetAsync(NewBlock(10).Cid).AsTask());
    }
}
