using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

public sealed partial class MemoryBlockTierTests
{
    [Fact]
    public async Task GetStatistics_Operations_CountedExactly()
    {
        var tier = new MemoryBlockTier(30);
        var (a, b, c, d) = (Sized(10, 1), Sized(10, 2), Sized(10, 3), Sized(5, 4));
        await PutAllAsync(tier, a, b, c, a);              // 3 added, a re-put is no add
        await tier.GetAsync(a.Cid);                       // hit
        await tier.GetAsync(a.Cid);                       // hit
        await tier.GetAsync(d.Cid);                       // miss
        await tier.HasAsync(d.Cid);                       // neither
        await tier.PutAsync(d);                           // evicts b
        await tier.GetAsync(b.Cid);                       // miss
        await tier.DeleteAsync(c.Cid);                    // removed, not an eviction
        await tier.PutAsync(Sized(15, 5));                // fits: 10 + 5 + 15

        Assert.Equal(new BlockStoreStatistics("memory", Hits: 2, Misses: 2, Evictions: 1, Blocks: 3, Bytes: 30, Capacity: 30, CorruptBlocks: 0), tier.GetStatistics());
        Assert.Equal(30, tier.UsedBytes);
    }

    [Fact]
    public async Task Operations_ConcurrentReadersAndWriters_KeepBudgetAndAccounting()
    {
        const long Capacity = 64 * 1024;
        var tier = new MemoryBlockTier(Capacity);
        var random = new Random(42);
        var blocks = Enumerable.Range(0, 200).Select(i => Sized(random.Next(1, 4096), 1000 + i)).ToArray();
        var pinnable = Enumerable.Range(0, 200).Select(i => Sized(random.Next(1, 512), 5000 + i)).ToArray(); // at most 100 KiB
        var pool = blocks.Concat(pinnable.Take(10)).ToArray(); // pinned blocks add up to 5 KiB at most: puts always fit
        var byCid = pool.ToDictionary(b => b.Cid);
        using var done = new CancellationTokenSource();

        var watcher = Task.Run(() =>
        {
            var worst = 0L;
            while (!done.IsCancellationRequested)
            {
                worst = Math.Max(worst, tier.UsedBytes);
            }

            return worst;
        });

        var workers = Enumerable.Range(0, 8).Select(seed => Task.Run(async () =>
        {
            var rng = new Random(seed);
            for (var i = 0; i < 5000; i++)
            {
                var block = pool[rng.Next(pool.Length)];
                switch (rng.Next(10))
                {
                    case < 4:
                        await tier.PutAsync(block);
                        break;
                    case < 7:
                        var got = await tier.GetAsync(block.Cid);
                        Assert.True(got is null || ReferenceEquals(got, block));
                        break;
                    case 7:
                        await tier.DeleteAsync(block.Cid);
                        break;
                    case 8:
                        await tier.PinAsync(pinnable[rng.Next(10)].Cid);
                        break;
                    default:
                        await tier.UnpinAsync(pinnable[rng.Next(10)].Cid);
                        _ = await tier.EnumerateAsync().CountAsync();
                        break;
                }
            }
        })).ToArray();

        await Task.WhenAll(workers);
        await done.CancelAsync();
        var worstUsed = await watcher;

        var listed = await tier.EnumerateAsync().ToListAsync();
        var listedBytes = listed.Sum(cid => (long)byCid[cid].Size);
        var stats = tier.GetStatistics();
        Assert.InRange(worstUsed, 0, Capacity);
        Assert.InRange(tier.UsedBytes, 0, Capacity);
        Assert.Equal(listedBytes, tier.UsedBytes);
        Assert.Equal(listed.Count, stats.Blocks);
        Assert.Equal(listedBytes, stats.Bytes);
        foreach (var cid in listed)
        {
            Assert.Same(byCid[cid], await tier.GetAsync(cid));
        }

        // The accounting still works: unpin everything, then overfill the tier: it ends full, within budget, consistent.
        foreach (var block in pinnable.Take(10))
        {
            await tier.UnpinAsync(block.Cid);
        }

        foreach (var block in pinnable.Skip(10).Concat(blocks))
        {
            await tier.PutAsync(block);
        }

        Assert.Equal(await SumOfListedAsync(tier), tier.UsedBytes);
        Assert.InRange(tier.UsedBytes, Capacity - 4096, Capacity);
        Assert.True(await tier.HasAsync(blocks[^1].Cid));
    }
}
