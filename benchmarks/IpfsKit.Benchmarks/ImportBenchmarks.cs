using BenchmarkDotNet.Attributes;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Import throughput of a 256 MiB file with Kubo's defaults (CIDv0, 262,144-byte chunks, balanced, 174 links), against
/// SHA-256 of the same bytes in 262,144-byte pieces: the physical floor, since every byte must be hashed once.
/// </summary>
/// <remarks>
/// Read the results as ratios. <c>Ratio</c> is time / baseline time, so the throughput relative to SHA-256 is
/// <c>1 / Ratio</c> (the target: at least 0.9 single-threaded, above 1 in parallel); the <c>MB/s</c> column gives the
/// absolute rate. Each invocation reads a fresh non-writable <see cref="MemoryStream"/> over the same buffer, so the
/// importer copies every chunk out of it as it would out of a file; <see cref="ReadAndSha256"/> is that copy plus the
/// hash, the floor of any stream importer, so the importer's own overhead is the gap between it and
/// <see cref="ImportOnlyHash"/>. The store benchmarks use <see cref="CountingBlockStore"/>, which drops blocks.
/// </remarks>
[MemoryDiagnoser]
[ThroughputColumn(Size)]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ImportBenchmarks
{
    private const int Size = 256 * 1024 * 1024;

    // 1,024 leaves, 6 nodes of up to 174 links, 1 root.
    private const long BlocksPerImport = 1_031;

    private static readonly ImportOptions SingleThreaded = ImportOptions.UnixFsV0Of2015 with { MaxDegreeOfParallelism = 1 };
    private static readonly ImportOptions Parallel = ImportOptions.UnixFsV0Of2015 with { MaxDegreeOfParallelism = Environment.ProcessorCount };

    private readonly CountingBlockStore _store = new();
    private byte[] _data = [];

    [GlobalSetup]
    public void Setup() => _data = BenchmarkData.PseudoRandom(Size);

    /// <summary>Checks that the store really received every block of every import.</summary>
    [GlobalCleanup(Targets = [nameof(ImportWithStore), nameof(ImportWithStoreParallel)])]
    public void CheckStore()
    {
        if (_store.Blocks == 0 || _store.Blocks % BlocksPerImport != 0)
        {
            throw new InvalidOperationException($"The store received {_store.Blocks} blocks, not a multiple of {BlocksPerImport}.");
        }
    }

    [Benchmark(Baseline = true)]
    public int Sha256() => BenchmarkData.Sha256InChunks(_data);

    /// <summary>The floor of any <see cref="Stream"/> importer: the copy out of the stream plus the hash.</summary>
    [Benchmark]
    public Task<int> ReadAndSha256() => BenchmarkData.ReadAndSha256InChunks(Stream());

    [Benchmark]
    public Task<ImportResult> ImportOnlyHash() => new UnixFsImporter(null, SingleThreaded).AddFileAsync(Stream());

    [Benchmark]
    public Task<ImportResult> ImportOnlyHashParallel() => new UnixFsImporter(null, Parallel).AddFileAsync(Stream());

    [Benchmark]
    public Task<ImportResult> ImportWithStore() => new UnixFsImporter(_store, SingleThreaded).AddFileAsync(Stream());

    [Benchmark]
    public Task<ImportResult> ImportWithStoreParallel() => new UnixFsImporter(_store, Parallel).AddFileAsync(Stream());

    private MemoryStream Stream() => new(_data, writable: false);
}
