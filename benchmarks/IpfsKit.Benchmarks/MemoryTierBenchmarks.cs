using BenchmarkDotNet.Attributes;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace IpfsKit.Benchmarks;

/// <summary>
/// The memory tier against <see cref="MemoryCache"/> (Microsoft.Extensions.Caching.Memory) holding the same 4,096 blocks
/// of 1 KiB. Times are per operation (<c>OperationsPerInvoke</c>); ops/s = 10^9 / Mean(ns).
/// <list type="bullet">
/// <item><c>Get</c>: every block is present (hits), read in a fixed shuffled order.</item>
/// <item><c>Put</c>: both caches are budgeted at half the blocks' bytes and the blocks are put round-robin, so once
/// full each put evicts (the memory tier evicts the least recently used block at once; MemoryCache refuses the entry
/// when over its size limit and compacts in the background).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class MemoryTierBenchmarks
{
    private const int Count = 4096;
    private const int BlockSize = 1024;

    private Block[] _blocks = [];
    private Cid[] _order = [];
    private MemoryCache _cache = null!;
    private MemoryBlockTier _tier = null!;
    private MemoryCache _smallCache = null!;
    private MemoryBlockTier _smallTier = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = BenchmarkData.PseudoRandom(Count * BlockSize);
        _blocks = Enumerable.Range(0, Count).Select(i => Block.Create(data.AsMemory(i * BlockSize, BlockSize))).ToArray();
        _order = _blocks.Select(b => b.Cid).ToArray();
        new Random(7).Shuffle(_order);

        _cache = new MemoryCache(new MemoryCacheOptions());
        _tier = new MemoryBlockTier(Count * BlockSize);
        foreach (var block in _blocks)
        {
            _cache.Set(block.Cid, block);
            _tier.PutAsync(block).AsTask().Wait();
        }

        _smallCache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Count * BlockSize / 2 });
        _smallTier = new MemoryBlockTier(Count * BlockSize / 2);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache.Dispose();
        _smallCache.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    [BenchmarkCategory("Get")]
    public int MemoryCacheGet()
    {
        var found = 0;
        foreach (var cid in _order)
        {
            found += _cache.TryGetValue(cid, out Block? block) && block is not null ? 1 : 0;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Get")]
    public int MemoryTierGet()
    {
        var found = 0;
        foreach (var cid in _order)
        {
            var hit = _tier.GetAsync(cid);
            found += hit.IsCompletedSuccessfully && hit.Result is not null ? 1 : 0;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Put")]
    public void MemoryCachePut()
    {
        foreach (var block in _blocks)
        {
            _smallCache.Set(block.Cid, block, new MemoryCacheEntryOptions { Size = block.Size });
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Put")]
    public void MemoryTierPut()
    {
        foreach (var block in _blocks)
        {
            var put = _smallTier.PutAsync(block);
            if (!put.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("The memory tier completes puts synchronously.");
            }
        }
    }
}
