using BenchmarkDotNet.Attributes;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace IpfsKit.Benchmarks;

/// <summary>
/// The memory tier against <see cref="MemoryCache"/> (Microsoft.Extensions.Caching.Memory) with the same keys (CIDs),
/// values (the same <see cref="Block"/> objects of 1 KiB) and byte budget (<c>SizeLimit</c> with each entry's
/// <c>Size</c> = its bytes). Times are per operation (<c>OperationsPerInvoke</c>); ops/s = 10^9 / Mean(ns).
/// <list type="bullet">
/// <item><c>Get</c>: 4,096 blocks, budget = all of them; every read hits, in a fixed shuffled order.</item>
/// <item><c>Mix</c>: the same 4,096 blocks, budget = half of them; a fixed seeded sequence of one put for three gets
/// of random blocks, so reads miss about half the time and once full every put of an absent block evicts (the memory
/// tier evicts the least recently used block at once; MemoryCache refuses an entry when over its size limit and
/// compacts in the background).</item>
/// <item><c>Put</c>: the same half budget, blocks put round-robin, so once full each put evicts.</item>
/// </list>
/// Run: <c>dotnet run -c Release --project benchmarks/IpfsKit.Benchmarks -- --interleaved MemoryTierBenchmarks 30</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class MemoryTierBenchmarks
{
    private const int Count = 4096;
    private const int BlockSize = 1024;
    private const int Passes = 16;
    private const int MixLength = 64 * Count;

    private Block[] _blocks = [];
    private Cid[] _order = [];
    private int[] _mix = [];
    private MemoryCache _cache = null!;
    private MemoryBlockTier _tier = null!;
    private MemoryCache _smallCache = null!;
    private MemoryBlockTier _smallTier = null!;
    private MemoryCache _mixCache = null!;
    private MemoryBlockTier _mixTier = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = BenchmarkData.PseudoRandom(Count * BlockSize);
        _blocks = Enumerable.Range(0, Count).Select(i => Block.Create(data.AsMemory(i * BlockSize, BlockSize))).ToArray();
        _order = _blocks.Select(b => b.Cid).ToArray();
        new Random(7).Shuffle(_order);

        // Non-negative: get block i; negative: put block ~i.
        var random = new Random(11);
        _mix = Enumerable.Range(0, MixLength).Select(i => i % 4 == 0 ? ~random.Next(Count) : random.Next(Count)).ToArray();

        _cache = NewCache(Count * BlockSize);
        _tier = new MemoryBlockTier(Count * BlockSize);
        foreach (var block in _blocks)
        {
            _cache.Set(block.Cid, block, new MemoryCacheEntryOptions { Size = block.Size });
            _tier.PutAsync(block).AsTask().Wait();
        }

        _smallCache = NewCache(Count * BlockSize / 2);
        _smallTier = new MemoryBlockTier(Count * BlockSize / 2);
        _mixCache = NewCache(Count * BlockSize / 2);
        _mixTier = new MemoryBlockTier(Count * BlockSize / 2);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache.Dispose();
        _smallCache.Dispose();
        _mixCache.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Passes * Count)]
    [BenchmarkCategory("Get")]
    public int MemoryCacheGet()
    {
        var found = 0;
        for (var pass = 0; pass < Passes; pass++)
        {
            foreach (var cid in _order)
            {
                found += _cache.TryGetValue(cid, out Block? block) && block is not null ? 1 : 0;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Passes * Count)]
    [BenchmarkCategory("Get")]
    public int MemoryTierGet()
    {
        var found = 0;
        for (var pass = 0; pass < Passes; pass++)
        {
            foreach (var cid in _order)
            {
                var hit = _tier.GetAsync(cid);
                found += hit.IsCompletedSuccessfully && hit.Result is not null ? 1 : 0;
            }
        }

        return found;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MixLength)]
    [BenchmarkCategory("Mix")]
    public int MemoryCacheMix()
    {
        var found = 0;
        foreach (var op in _mix)
        {
            if (op < 0)
            {
                var block = _blocks[~op];
                _mixCache.Set(block.Cid, block, new MemoryCacheEntryOptions { Size = block.Size });
            }
            else
            {
                found += _mixCache.TryGetValue(_blocks[op].Cid, out Block? block) && block is not null ? 1 : 0;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = MixLength)]
    [BenchmarkCategory("Mix")]
    public int MemoryTierMix()
    {
        var found = 0;
        foreach (var op in _mix)
        {
            if (op < 0)
            {
                Completed(_mixTier.PutAsync(_blocks[~op]));
            }
            else
            {
                var hit = _mixTier.GetAsync(_blocks[op].Cid);
                found += hit.IsCompletedSuccessfully && hit.Result is not null ? 1 : 0;
            }
        }

        return found;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Passes * Count)]
    [BenchmarkCategory("Put")]
    public void MemoryCachePut()
    {
        for (var pass = 0; pass < Passes; pass++)
        {
            foreach (var block in _blocks)
            {
                _smallCache.Set(block.Cid, block, new MemoryCacheEntryOptions { Size = block.Size });
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Passes * Count)]
    [BenchmarkCategory("Put")]
    public void MemoryTierPut()
    {
        for (var pass = 0; pass < Passes; pass++)
        {
            foreach (var block in _blocks)
            {
                Completed(_smallTier.PutAsync(block));
            }
        }
    }

    private static MemoryCache NewCache(long budget) => new(new MemoryCacheOptions { SizeLimit = budget });

    private static void Completed(ValueTask put)
    {
        if (!put.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("The memory tier completes puts synchronously.");
        }
    }
}
