using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Storage;
using IpfsKit.Testing.Blocks;

namespace IpfsKit.Tests.Storage;

[Trait("Category", "Storage")]
public sealed partial class MemoryBlockTierTests : BlockStoreContractTests<MemoryBlockTier>
{
    protected override bool KeepsInstances => true;

    protected override Task<MemoryBlockTier> CreateStoreAsync() => Task.FromResult(new MemoryBlockTier(1024));

    protected override void AssertHolds(MemoryBlockTier store, params Block[] blocks)
    {
        Assert.Equal(blocks.Sum(b => (long)b.Size), store.UsedBytes);
        Assert.Equal(blocks.Length, store.GetStatistics().Blocks);
    }

    [Fact]
    public void Constructor_ZeroCapacity_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>("capacity", () => new MemoryBlockTier(ByteSize.Zero));

    [Fact]
    public void Constructor_Capacity_IsEmptyMemoryTier()
    {
        var tier = new MemoryBlockTier(ByteSize.Parse("512M"));

        Assert.Equal("memory", tier.Name);
        Assert.Equal(512L * 1024 * 1024, tier.Capacity);
        Assert.Equal(0, tier.UsedBytes);
        Assert.Equal(new BlockStoreStatistics("memory", 0, 0, 0, 0, 0, 512L * 1024 * 1024, 0), tier.GetStatistics());
    }

    [Fact]
    public async Task PutAsync_OverBudget_EvictsLeastRecentlyWritten()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b, c, d) = (Sized(10, 1), Sized(10, 2), Sized(10, 3), Sized(10, 4));
        await PutAllAsync(tier, a, b, c);

        await tier.PutAsync(d);

        Assert.Equal([b.Cid, c.Cid, d.Cid], await HeldAsync(tier, a, b, c, d));
        Assert.Equal(30, tier.UsedBytes);
    }

    [Fact]
    public async Task PutAsync_OverBudget_EvictsLeastRecentlyRead()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b, c, d) = (Sized(10, 1), Sized(10, 2), Sized(10, 3), Sized(10, 4));
        await PutAllAsync(tier, a, b, c);
        Assert.NotNull(await tier.GetAsync(a.Cid));

        await tier.PutAsync(d);

        Assert.Equal([a.Cid, c.Cid, d.Cid], await HeldAsync(tier, a, b, c, d));
    }

    [Fact]
    public async Task PutAsync_OverBudget_AfterMoreReadsThanTheReadBuffer_EvictsLeastRecentlyRead()
    {
        // Reads are recorded without the lock and replayed in order by the next write; 1,000 reads overflow the buffer several times.
        var tier = new MemoryBlockTier(30);
        var (a, b, c, d) = (Sized(10, 1), Sized(10, 2), Sized(10, 3), Sized(10, 4));
        await PutAllAsync(tier, a, b, c);
        Block[] cycle = [a, c, b];
        for (var i = 0; i < 1000; i++)
        {
            Assert.NotNull(await tier.GetAsync(cycle[i % 3].Cid));
        }

        await tier.PutAsync(d);

        // The last reads were …, c, b, a: c is the least recently read.
        Assert.Equal([a.Cid, b.Cid, d.Cid], await HeldAsync(tier, a, b, c, d));
        Assert.Equal(1000, tier.GetStatistics().Hits);
    }

    [Fact]
    public async Task PutAsync_PresentBlock_CountsAsUse()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b, c, d) = (Sized(10, 1), Sized(10, 2), Sized(10, 3), Sized(10, 4));
        await PutAllAsync(tier, a, b, c, a);

        await tier.PutAsync(d);

        Assert.Equal([a.Cid, c.Cid, d.Cid], await HeldAsync(tier, a, b, c, d));
    }

    [Fact]
    public async Task HasAsync_HeldBlock_DoesNotChangeEvictionOrder()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b, c, d) = (Sized(10, 1), Sized(10, 2), Sized(10, 3), Sized(10, 4));
        await PutAllAsync(tier, a, b, c);
        Assert.True(await tier.HasAsync(a.Cid));

        await tier.PutAsync(d);

        Assert.False(await tier.HasAsync(a.Cid));
    }

    [Fact]
    public async Task PutAsync_LargeBlock_EvictsOldestUntilItFitsByBytes()
    {
        var tier = new MemoryBlockTier(100);
        var small = Enumerable.Range(1, 4).Select(i => Sized(25, i)).ToArray();
        await PutAllAsync(tier, small);
        var large = Sized(60, 9);

        await tier.PutAsync(large);

        // 100 + 60 bytes must come down to 100: three 25-byte blocks go, not one block per block.
        Assert.Equal([small[3].Cid, large.Cid], await HeldAsync(tier, [.. small, large]));
        Assert.Equal(85, tier.UsedBytes);
        Assert.Equal(3, tier.GetStatistics().Evictions);
    }

    [Fact]
    public async Task PutAsync_ManyBlocks_NeverExceedsBudget()
    {
        var tier = new MemoryBlockTier(5000);
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            await tier.PutAsync(Sized(random.Next(1, 2000), i));
            Assert.InRange(tier.UsedBytes, 1, 5000);
        }

        Assert.Equal(tier.UsedBytes, await SumOfListedAsync(tier));
    }

    [Fact]
    public async Task PinAndUnpin_CancelledToken_ThrowOperationCanceledAndPinNothing()
    {
        var tier = new MemoryBlockTier(1024);
        var block = Sized(10, 1);
        await tier.PutAsync(block);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tier.PinAsync(block.Cid, cts.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tier.UnpinAsync(block.Cid, cts.Token).AsTask());
        Assert.Equal(10, tier.UsedBytes); // nothing half-done
        Assert.False(tier.IsPinned(block.Cid));
    }

    [Fact]
    public async Task EnumerateAsync_TierChangesDuringListing_ListsSnapshot()
    {
        var tier = new MemoryBlockTier(1024);
        var blocks = Enumerable.Range(0, 5).Select(i => Sized(10, i)).ToArray();
        await PutAllAsync(tier, blocks);

        var listed = new List<Cid>();
        await foreach (var cid in tier.EnumerateAsync())
        {
            listed.Add(cid);
            await tier.DeleteAsync(cid);
            await tier.PutAsync(Sized(10, 100 + listed.Count));
        }

        Assert.Equal(blocks.Select(b => b.Cid).Order(), listed.Order());
    }

    /// <summary>A block of <paramref name="size"/> pseudo-random bytes; distinct seeds make distinct blocks.</summary>
    internal static Block Sized(int size, int seed) => TierModelGen.PoolBlock(seed & 0xFF, size, seed);

    private static async Task PutAllAsync(MemoryBlockTier tier, params Block[] blocks)
    {
        foreach (var block in blocks)
        {
            await tier.PutAsync(block);
        }
    }

    private static async Task<List<Cid>> HeldAsync(MemoryBlockTier tier, params Block[] candidates)
    {
        var held = new List<Cid>();
        foreach (var block in candidates)
        {
            if (await tier.HasAsync(block.Cid))
            {
                held.Add(block.Cid);
            }
        }

        return held;
    }

    private static async Task<long> SumOfListedAsync(MemoryBlockTier tier)
    {
        long sum = 0;
        await foreach (var cid in tier.EnumerateAsync())
        {
            sum += (await tier.GetAsync(cid))!.Size;
        }

        return sum;
    }
}
