using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IpfsKit.Content;
using IpfsKit.Storage;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Benchmarks;

/// <summary>
/// <c>cat</c> of a file from an embedded node's tiered store (a disk tier, every block verified against its CID when it
/// comes off the disk, with a memory tier of <see cref="MaxMemory"/> in front: the default 512 MiB, or none) against reading the same bytes from a plain file,
/// in the same run (issue 19, item 5): the whole file in order, and a random pattern of reads of 4 KiB to 1 MiB at
/// seeded random offsets through the seekable <see cref="Content.UnixFs.Reading.UnixFsFileStream"/> (the plain file:
/// <see cref="RandomAccess"/> at the same offsets). The file is <c>IPFSKIT_BENCH_MIB</c> MiB (1,024 unless set), imported
/// with Kubo's defaults; both copies are in the page cache once the warm-up round has read them.
/// </summary>
/// <remarks>
/// <see cref="FileSequentialSha256"/> is the floor of a verified read: the plain file's bytes read and hashed once, in
/// 256 KiB pieces (the blocks' size), as the store must. Run with the interleaved runner on a busy machine
/// (<c>dotnet run -c Release --project benchmarks/IpfsKit.Benchmarks -- --interleaved ReaderBenchmarks 3</c>).
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReaderBenchmarks
{
    private const string Sequential = "Sequential";
    private const string Random = "Random";
    private const int RandomReads = 512;

    private readonly long _size = BenchmarkData.FileSize(1024);
    private readonly byte[] _buffer = new byte[1024 * 1024];
    private readonly byte[] _piece = new byte[BenchmarkData.ChunkSize];
    private string _folder = string.Empty;
    private string _file = string.Empty;
    private EmbeddedTransport _node = null!;
    private Cid _cid;
    private (long Offset, int Length)[] _reads = [];

    /// <summary>Gets or sets the memory tier's budget (<see cref="StorageOptions.MaxMemory"/>): the default <c>512M</c>, or <c>0</c> for none.</summary>
    [Params("512M", "0")]
    public string MaxMemory { get; set; } = "512M";

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ipfskit-bench-reader-").FullName;
        _file = Path.Combine(_folder, "data.bin");
        await ChildProcesses.WriteFileAsync(_file, _size);
        var storage = new StorageOptions
        {
            Path = Path.Combine(_folder, "node"),
            MaxStorage = ByteSize.FromMebibytes(_size / (1024 * 1024) * 2 + 64),
            MaxMemory = ByteSize.Parse(MaxMemory),
            Fsync = false,
        };
        _node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions { Storage = storage });
        await using (var content = File.OpenRead(_file))
        {
            _cid = (await _node.AddAsync(content)).Cid;
        }

        var random = new Random(19);
        _reads = new (long, int)[RandomReads];
        for (var i = 0; i < _reads.Length; i++)
        {
            var length = 4096 << random.Next(0, 9); // 4 KiB to 1 MiB
            _reads[i] = (random.NextInt64(0, _size - length), length);
        }

        var (file, blocks, store) = (await FileRandom(), await FileRandomBlocksSha256(), await StoreRandom());
        if (file != store || file != blocks)
        {
            throw new InvalidOperationException($"the random reads gave checksums {file} (file), {blocks} (file by blocks), {store} (store)");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _node.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Sequential)]
    public async Task<long> FileSequential()
    {
        await using var file = OpenFile();
        var counter = new CountingStream();
        await file.CopyToAsync(counter, 256 * 1024);
        return Checked(counter.Length);
    }

    [Benchmark]
    [BenchmarkCategory(Sequential)]
    public async Task<long> FileSequentialSha256()
    {
        await using var file = OpenFile();
        return await BenchmarkData.ReadAndSha256InChunks(file);
    }

    [Benchmark]
    [BenchmarkCategory(Sequential)]
    public async Task<long> StoreSequential()
    {
        await using var stream = await _node.CatAsync(_cid);
        var counter = new CountingStream();
        await stream.CopyToAsync(counter, 256 * 1024);
        return Checked(counter.Length);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Random)]
    public async Task<long> FileRandom()
    {
        using var handle = File.OpenHandle(_file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.RandomAccess);
        long checksum = 0;
        foreach (var (offset, length) in _reads)
        {
            var read = 0;
            while (read < length)
            {
                read += await RandomAccess.ReadAsync(handle, _buffer.AsMemory(read, length - read), offset + read);
            }

            checksum += Checksum(length);
        }

        return checksum;
    }

    /// <summary>
    /// The floor of a verified random read: the same reads from the plain file, but each reads and hashes every whole
    /// 256 KiB piece (a leaf block's bytes) that it touches, as a store that verifies blocks must, then copies its part.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory(Random)]
    public async Task<long> FileRandomBlocksSha256()
    {
        using var handle = File.OpenHandle(_file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.RandomAccess);
        var digest = new byte[32];
        long checksum = 0;
        foreach (var (offset, length) in _reads)
        {
            for (var piece = offset / BenchmarkData.ChunkSize; piece * BenchmarkData.ChunkSize < offset + length; piece++)
            {
                var start = piece * BenchmarkData.ChunkSize;
                var size = (int)Math.Min(BenchmarkData.ChunkSize, _size - start);
                var read = 0;
                while (read < size)
                {
                    read += await RandomAccess.ReadAsync(handle, _piece.AsMemory(read, size - read), start + read);
                }

                SHA256.HashData(_piece.AsSpan(0, size), digest);
                var from = Math.Max(offset, start);
                var to = Math.Min(offset + length, start + size);
                _piece.AsSpan((int)(from - start), (int)(to - from)).CopyTo(_buffer.AsSpan((int)(from - offset)));
            }

            checksum += Checksum(length);
        }

        return checksum;
    }

    [Benchmark]
    [BenchmarkCategory(Random)]
    public async Task<long> StoreRandom()
    {
        await using var stream = await _node.CatAsync(_cid);
        long checksum = 0;
        foreach (var (offset, length) in _reads)
        {
            stream.Position = offset;
            await stream.ReadExactlyAsync(_buffer.AsMemory(0, length));
            checksum += Checksum(length);
        }

        return checksum;
    }

    private FileStream OpenFile() =>
        new(_file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private long Checked(long length) => length == _size ? length : throw new InvalidOperationException($"read {length} bytes of {_size}");

    /// <summary>A cheap fingerprint of a read (its first, middle and last bytes), so the two sides must read the same bytes.</summary>
    private long Checksum(int length) => _buffer[0] + (_buffer[length / 2] << 8) + ((long)_buffer[length - 1] << 16) + length;
}
