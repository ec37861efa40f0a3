using IpfsKit.Errors;
using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

public sealed partial class MemoryBlockTierTests
{
    [Fact]
    public async Task PinAsync_HeldBlock_NeverEvicted()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b, c) = (Sized(10, 1), Sized(10, 2), Sized(10, 3));
        await PutAllAsync(tier, a, b, c);

        Assert.True(await tier.PinAsync(a.Cid));
        Assert.True(tier.IsPinned(a.Cid));
        for (var i = 0; i < 20; i++)
        {
            await tier.PutAsync(Sized(10, 100 + i));
        }

        Assert.Same(a, await tier.GetAsync(a.Cid));
        Assert.False(await tier.HasAsync(b.Cid));
        Assert.False(await tier.HasAsync(c.Cid));
        Assert.Equal(30, tier.UsedBytes);
    }

    [Fact]
    public async Task PinAsync_BeforePut_KeptOncePut()
    {
        var tier = new MemoryBlockTier(30);
        var a = Sized(10, 1);

        Assert.False(await tier.PinAsync(a.Cid));
        Assert.True(tier.IsPinned(a.Cid));
        Assert.False(await tier.HasAsync(a.Cid));
        await tier.PutAsync(a);
        for (var i = 0; i < 20; i++)
        {
            await tier.PutAsync(Sized(10, 100 + i));
        }

        Assert.True(await tier.HasAsync(a.Cid));
        Assert.True(tier.IsPinned(a.Cid));
    }

    [Fact]
    public async Task UnpinAsync_PinnedBlock_EvictableAgainAsJustUsed()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b, c) = (Sized(10, 1), Sized(10, 2), Sized(10, 3));
        await tier.PinAsync(a.Cid);
        await PutAllAsync(tier, a, b, c);

        Assert.True(await tier.UnpinAsync(a.Cid));
        Assert.False(await tier.UnpinAsync(a.Cid));
        Assert.False(tier.IsPinned(a.Cid));

        // a counts as used when unpinned, so b and c go first, then a.
        await tier.PutAsync(Sized(10, 4));
        await tier.PutAsync(Sized(10, 5));
        Assert.Equal([a.Cid], await HeldAsync(tier, a, b, c));
        await tier.PutAsync(Sized(10, 6));
        Assert.Empty(await HeldAsync(tier, a, b, c));
    }

    [Fact]
    public async Task UnpinAsync_NotPinned_ReturnsFalse()
    {
        var tier = new MemoryBlockTier(30);
        var a = Sized(10, 1);
        await tier.PutAsync(a);

        Assert.False(await tier.UnpinAsync(a.Cid));
        Assert.False(await tier.UnpinAsync(Sized(10, 2).Cid));
        Assert.True(await tier.HasAsync(a.Cid));
    }

    [Fact]
    public async Task DeleteAsync_PinnedBlock_RemovesBlockAndPin()
    {
        var tier = new MemoryBlockTier(30);
        var a = Sized(10, 1);
        await tier.PutAsync(a);
        await tier.PinAsync(a.Cid);

        Assert.True(await tier.DeleteAsync(a.Cid));

        Assert.False(tier.IsPinned(a.Cid));
        Assert.False(await tier.HasAsync(a.Cid));
        Assert.Equal(0, tier.UsedBytes);

        // Put again, it is an ordinary evictable block.
        await PutAllAsync(tier, a, Sized(10, 2), Sized(10, 3), Sized(10, 4));
        Assert.False(await tier.HasAsync(a.Cid));
    }

    [Fact]
    public async Task DeleteAsync_PinOfAbsentBlock_RemovesPin()
    {
        var tier = new MemoryBlockTier(30);
        var a = Sized(10, 1);
        await tier.PinAsync(a.Cid);

        Assert.False(await tier.DeleteAsync(a.Cid));

        Assert.False(tier.IsPinned(a.Cid));
    }

    [Fact]
    public async Task PutAsync_BlockLargerThanCapacity_ThrowsCapacityAndLeavesTierUnchanged()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b) = (Sized(10, 1), Sized(10, 2));
        await PutAllAsync(tier, a, b);
        var before = tier.GetStatistics();

        var error = await Assert.ThrowsAsync<IpfsKitCapacityException>(() => tier.PutAsync(Sized(31, 3)).AsTask());

        Assert.Equal("memory tier", error.Store);
        Assert.Equal(31, error.RequiredBytes);
        Assert.Equal(30, error.AvailableBytes);
        Assert.Equal([a.Cid, b.Cid], await HeldAsync(tier, a, b));
        Assert.Equal(before, tier.GetStatistics());
    }

    [Fact]
    public async Task PutAsync_PinnedBytesLeaveNoRoom_ThrowsCapacityAndEvictsNothing()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b, c) = (Sized(10, 1), Sized(10, 2), Sized(10, 3));
        await PutAllAsync(tier, a, b, c);
        await tier.PinAsync(a.Cid);
        await tier.PinAsync(b.Cid);
        var before = tier.GetStatistics();

        var error = await Assert.ThrowsAsync<IpfsKitCapacityException>(() => tier.PutAsync(Sized(11, 4)).AsTask());

        Assert.Equal(11, error.RequiredBytes);
        Assert.Equal(10, error.AvailableBytes);
        Assert.Equal([a.Cid, b.Cid, c.Cid], await HeldAsync(tier, a, b, c));
        Assert.Equal(before, tier.GetStatistics());

        // Exactly the freeable room still fits.
        await tier.PutAsync(Sized(10, 5));
        Assert.Equal([a.Cid, b.Cid], await HeldAsync(tier, a, b, c));
    }

    [Fact]
    public async Task PutAsync_PinnedBeforePutAndNoRoom_ThrowsCapacity()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b) = (Sized(20, 1), Sized(20, 2));
        await tier.PutAsync(a);
        await tier.PinAsync(a.Cid);
        await tier.PinAsync(b.Cid);

        await Assert.ThrowsAsync<IpfsKitCapacityException>(() => tier.PutAsync(b).AsTask());

        Assert.False(await tier.HasAsync(b.Cid));
        Assert.True(tier.IsPinned(b.Cid)); // the pin is still remembered
        Assert.Equal(20, tier.UsedBytes);
    }

    [Fact]
    public async Task TryPut_CannotFit_ReturnsFalseAndLeavesTierUnchanged()
    {
        var tier = new MemoryBlockTier(30);
        var a = Sized(10, 1);
        await tier.PutAsync(a);
        await tier.PinAsync(a.Cid);
        var before = tier.GetStatistics();

        Assert.False(tier.TryPut(Sized(21, 2)));
        Assert.False(tier.TryPut(Sized(100, 3)));

        Assert.Equal(before, tier.GetStatistics());
        Assert.Equal(10, tier.UsedBytes);
    }

    [Fact]
    public async Task TryPut_Fits_StoresLikePut()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b) = (Sized(20, 1), Sized(20, 2));

        Assert.True(tier.TryPut(a));
        Assert.True(tier.TryPut(a));
        Assert.True(tier.TryPut(b));

        Assert.Equal([b.Cid], await HeldAsync(tier, a, b));
        Assert.Equal(1, tier.GetStatistics().Evictions);
    }

    [Fact]
    public async Task EnumeratePinsAsync_PresentAndAbsentPins_ListsBothWeighsPresent()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b, c) = (Sized(10, 1), Sized(10, 2), Sized(10, 3));
        await PutAllAsync(tier, a, b);
        await tier.PinAsync(a.Cid);
        await tier.PinAsync(c.Cid); // not present yet

        var pins = new List<IpfsKit.Content.Cid>();
        await foreach (var cid in tier.EnumeratePinsAsync())
        {
            pins.Add(cid);
        }

        Assert.Equal(new HashSet<IpfsKit.Content.Cid> { a.Cid, c.Cid }, pins.ToHashSet());
        Assert.Equal(10, tier.PinnedBytes);
        await tier.UnpinAsync(a.Cid);
        Assert.Equal(0, tier.PinnedBytes);
    }

    [Fact]
    public async Task DeleteUnpinnedAsync_PinnedKeptUnpinnedDeletedWithItsBytes()
    {
        var tier = new MemoryBlockTier(100);
        var (pinned, loose, marked) = (Sized(10, 1), Sized(20, 2), Sized(30, 3));
        await PutAllAsync(tier, pinned, loose);
        await tier.PinAsync(pinned.Cid);
        await tier.PinAsync(marked.Cid); // marked before it arrives, as an add's hold

        Assert.Equal(0, await tier.DeleteUnpinnedAsync(pinned.Cid));
        Assert.Equal(0, await tier.DeleteUnpinnedAsync(marked.Cid));
        Assert.Equal(20, await tier.DeleteUnpinnedAsync(loose.Cid));

        Assert.True(await tier.HasAsync(pinned.Cid));
        Assert.False(await tier.HasAsync(loose.Cid));
        Assert.Equal(10, tier.UsedBytes);
        await tier.PutAsync(marked);
        Assert.True(tier.IsPinned(marked.Cid));
    }
}
