using BenchmarkDotNet.Attributes;
using IpfsKit.Blocks;
using IpfsKit.Storage;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Opening a disk tier of 100,000 blocks (the index is rebuilt by scanning the folders) against the floor of any scan:
/// enumerating the same files with their sizes and times. Setup writes the blocks once (about a minute).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class IndexRebuildBenchmarks
{
    private const int Count = 100_000;

    private string _folder = string.Empty;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ipfskit-bench-index-").FullName;
        using var tier = await DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = _folder, Capacity = ByteSize.FromGibibytes(1), Fsync = false });
        var bytes = new byte[64];
        for (var i = 0; i < Count; i++)
        {
            BitConverter.TryWriteBytes(bytes, i);
            await tier.PutAsync(Block.Create(bytes.ToArray()));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true)]
    public long EnumerateFilesWithSizes()
    {
        long total = 0;
        foreach (var file in new DirectoryInfo(Path.Combine(_folder, "blocks")).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            total += file.Length + file.LastWriteTimeUtc.Ticks % 2;
        }

        return total;
    }

    [Benchmark]
    public async Task<long> OpenDiskTier()
    {
        using var tier = await DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = _folder, Capacity = ByteSize.FromGibibytes(1) });
        return tier.UsedBytes;
    }
}
