using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using IpfsKit.Blocks;
using IpfsKit.Storage;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Opening a disk tier of <see cref="Count"/> blocks (the index is rebuilt by scanning the folders) against the floor
/// of any scan: enumerating the same files with their sizes and times. Measured at 100 k, 300 k and 1 M blocks so the
/// growth can be fitted. Setup lays the block files out directly in the tier's layout (a put each would take minutes)
/// under <c>$TMPDIR/ipfskit-bench-index-&lt;count&gt;</c> and keeps them for the next run (delete the folders when done:
/// 1 M files of 64 bytes take about 4 GB of file-system blocks); it prints the managed memory the open tier retains
/// per block (<c>GC.GetTotalMemory</c> with the tier open, less before).
/// Run: <c>dotnet run -c Release --project benchmarks/IpfsKit.Benchmarks -- --interleaved IndexRebuildBenchmarks 3</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class IndexRebuildBenchmarks
{
    private string _folder = string.Empty;

    /// <summary>Gets or sets the number of blocks in the folder.</summary>
    [Params(100_000, 300_000, 1_000_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"ipfskit-bench-index-{Count}");
        var complete = Path.Combine(_folder, "complete");
        if (!File.Exists(complete))
        {
            var watch = Stopwatch.StartNew();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }

            var blocks = Path.Combine(_folder, "blocks");
            var bytes = new byte[64];
            for (var i = 0; i < Count; i++)
            {
                BitConverter.TryWriteBytes(bytes, i);
                // A CIDv1's text is 'b' + the base32 of its bytes: the tier's file name; its fan-out folder is the two characters before the last.
                var name = Block.Create(bytes).Cid.ToString()[1..];
                var folder = Path.Combine(blocks, name[^3..^1]);
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, name + ".data"), bytes);
            }

            File.WriteAllText(complete, string.Empty);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// laid out {Count:N0} block files in {watch.Elapsed.TotalSeconds:F0} s"));
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var tier = OpenAsync().GetAwaiter().GetResult();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        if (tier.GetStatistics().Blocks != Count)
        {
            throw new InvalidOperationException($"Expected {Count} blocks, the tier indexed {tier.GetStatistics().Blocks}.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {Count:N0} blocks: the open tier retains {after - before:N0} B, {(after - before) / (double)Count:F1} B a block"));
        GC.KeepAlive(tier);
    }

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
        using var tier = await OpenAsync();
        return tier.UsedBytes;
    }

    private Task<DiskBlockTier> OpenAsync() =>
        DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = _folder, Capacity = ByteSize.FromGibibytes(1) });
}
