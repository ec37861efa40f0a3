using IpfsKit.Content;
using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

/// <summary>What a pinset above needs to reconcile its marks with the tier's: list them, weigh them, unpin to the budget.</summary>
public sealed partial class DiskBlockTierTests
{
    [Fact]
    public async Task EnumeratePinsAsync_MarkersFoundAtOpen_ListedAndWeighed()
    {
        var (a, b, c) = (NewBlock(100), NewBlock(200), NewBlock(300));
        using (var first = await OpenAsync())
        {
            foreach (var block in new[] { a, b, c })
            {
                await first.PutAsync(block);
            }

            await first.PinAsync(a.Cid);
            await first.PinAsync(c.Cid);
        }

        using var tier = await OpenAsync();
        var pins = new List<Cid>();
        await foreach (var cid in tier.EnumeratePinsAsync())
        {
            pins.Add(cid);
        }

        Assert.Equal(new HashSet<Cid> { a.Cid, c.Cid }, pins.ToHashSet());
        Assert.Equal(400, tier.PinnedBytes);
        Assert.Equal(600, tier.UsedBytes);
    }

    [Fact]
    public async Task UnpinAsync_MarkersKeptTheTierAboveALoweredBudget_EvictsDownToIt()
    {
        var blocks = Enumerable.Range(0, 6).Select(_ => NewBlock(100)).ToList();
        using (var first = await OpenAsync(capacity: 1000))
        {
            foreach (var block in blocks)
            {
                await first.PutAsync(block);
                await first.PinAsync(block.Cid); // as a crash mid-pin leaves them: markers no pin holds
            }
        }

        using var tier = await OpenAsync(capacity: 250);
        Assert.Equal(600, tier.UsedBytes); // pinned: open cannot evict them

        Assert.True(await tier.UnpinAsync(blocks[0].Cid));
        Assert.Equal(500, tier.UsedBytes); // the unpinned block is the only one evictable, and over budget: gone
        Assert.False(File.Exists(_folder.PinFile(blocks[0].Cid)));
        Assert.False(File.Exists(_folder.DataFile(blocks[0].Cid)));
        foreach (var block in blocks.Skip(1))
        {
            await tier.UnpinAsync(block.Cid);
        }

        Assert.Equal(200, tier.UsedBytes);
        Assert.Equal(0, tier.PinnedBytes);
        Assert.Equal(2, _folder.DataFiles().Count());
    }

    [Fact]
    public async Task UnpinAsync_WithinBudget_EvictsNothing()
    {
        using var tier = await OpenAsync(capacity: 1000);
        var (a, b) = (NewBlock(100), NewBlock(100));
        await tier.PutAsync(a);
        await tier.PutAsync(b);
        await tier.PinAsync(a.Cid);

        Assert.True(await tier.UnpinAsync(a.Cid));

        Assert.Equal(200, tier.UsedBytes);
        Assert.Equal(0, tier.PinnedBytes);
        Assert.Equal(0, tier.GetStatistics().Evictions);
    }

    [Fact]
    public async Task DeleteUnpinnedAsync_PinnedKeptUnpinnedDeletedWithItsBytes()
    {
        using var tier = await OpenAsync(capacity: 1000);
        var (pinned, loose) = (NewBlock(100), NewBlock(150));
        await tier.PutAsync(pinned);
        await tier.PutAsync(loose);
        await tier.PinAsync(pinned.Cid);

        Assert.Equal(0, await tier.DeleteUnpinnedAsync(pinned.Cid));
        Assert.Equal(150, await tier.DeleteUnpinnedAsync(loose.Cid));
        Assert.Equal(0, await tier.DeleteUnpinnedAsync(loose.Cid));

        Assert.True(await tier.HasAsync(pinned.Cid));
        Assert.False(File.Exists(_folder.DataFile(loose.Cid)));
        Assert.Equal(100, tier.UsedBytes);
    }
}
