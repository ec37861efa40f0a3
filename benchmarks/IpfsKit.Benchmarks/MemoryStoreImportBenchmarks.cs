using BenchmarkDotNet.Attributes;
using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Benchmarks;

/// <summary>
/// What keeping the blocks costs: a 32 MiB import into a fresh <see cref="MemoryBlockStore"/> against the same import
/// into a store that only counts, with SHA-256 of the bytes as the baseline (see <see cref="ImportBenchmarks"/>;
/// throughput relative to SHA-256 is <c>1 / Ratio</c>). Smaller than the 256 MiB runs so the kept blocks do not
/// dominate the process; the difference between the two imports is the store and the garbage collector (every leaf
/// copy is a 262 KB large-object-heap array).
/// </summary>
[MemoryDiagnoser]
[ThroughputColumn(Size)]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class MemoryStoreImportBenchmarks
{
    private const int Size = 32 * 1024 * 1024;

    private byte[] _data = [];

    [GlobalSetup]
    public void Setup() => _data = BenchmarkData.PseudoRandom(Size);

    [Benchmark(Baseline = true)]
    public int Sha256() => BenchmarkData.Sha256InChunks(_data);

    [Benchmark]
    public Task<ImportResult> ImportWithCountingStore() => new UnixFsImporter(new CountingBlockStore()).AddFileAsync(Stream());

    [Benchmark]
    public Task<ImportResult> ImportWithMemoryStore() => new UnixFsImporter(new MemoryBlockStore()).AddFileAsync(Stream());

    private MemoryStream Stream() => new(_data, writable: false);
}
