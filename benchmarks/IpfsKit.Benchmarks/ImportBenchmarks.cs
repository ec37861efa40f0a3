using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Import throughput of a 256 MiB stream with Kubo's defaults, against SHA-256 of the same bytes in 256 KiB pieces
/// (the physical floor: every byte must be hashed once). Throughput ratio = 1 / the Ratio column.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class ImportBenchmarks
{
    private const int Size = 256 * 1024 * 1024;
    private byte[] _data = [];

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(42).NextBytes(_data);
    }

    [Benchmark(Baseline = true)]
    public int Sha256()
    {
        Span<byte> digest = stackalloc byte[32];
        var sum = 0;
        for (var at = 0; at < _data.Length; at += 262_144)
        {
            SHA256.HashData(_data.AsSpan(at, 262_144), digest);
            sum += digest[0];
        }

        return sum;
    }

    [Benchmark]
    public Task<ImportResult> ImportOnlyHash() =>
        new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015 with { MaxDegreeOfParallelism = 1 }).AddFileAsync(Stream());

    [Benchmark]
    public Task<ImportResult> ImportOnlyHashParallel() =>
        new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015 with { MaxDegreeOfParallelism = Environment.ProcessorCount }).AddFileAsync(Stream());

    /// <summary>With a store that drops what it gets: the put calls and the block copies, without memory growing by 256 MiB.</summary>
    [Benchmark]
    public Task<ImportResult> ImportWithStoreParallel() =>
        new UnixFsImporter(new DroppingStore(), ImportOptions.UnixFsV0Of2015).AddFileAsync(Stream());

    private MemoryStream Stream() => new(_data, writable: false);

    private sealed class DroppingStore : IBlockStore
    {
        public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => new((Block?)null);

        public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => new(false);

        public ValueTask PutAsync(Block block, CancellationToken cancellationToken = default) => default;

        public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => new(false);

        public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<Cid>();
    }
}
