using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using IpfsKit.Benchmarks.ReferenceImporter;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Import throughput of a 256 MiB file with Kubo's profiles <c>unixfs-v0-2015</c> (CIDv0, 262,144-byte chunks, 174
/// links) and <c>unixfs-v1-2025</c> (CIDv1, raw leaves, 1 MiB chunks, 1,024 links), against SHA-256 of the same bytes in
/// chunk-sized pieces: the physical floor, since every byte must be hashed once. Beside it, the reference JavaScript
/// importer (ipfs-unixfs-importer from <c>tests/peers/node_modules</c>, only hashing) on the same bytes with the same
/// profile, against SHA-256 in Node; its root CID must equal ours or the run fails.
/// </summary>
/// <remarks>
/// Read the results as ratios within a category: <c>dotnet</c> rows against <see cref="Sha256"/>, <c>node</c> rows
/// against <see cref="NodeSha256"/>. <c>Ratio</c> is time / baseline time, so the throughput relative to SHA-256 is
/// <c>1 / Ratio</c>, and ours against the reference importer is (node import Ratio) / (our import Ratio). Each .NET
/// invocation reads a fresh non-writable <see cref="MemoryStream"/> over the same buffer, so the importer copies every
/// chunk out of it as it would out of a file; <see cref="ReadAndSha256"/> is that copy plus the hash done one after the
/// other. The store benchmarks use <see cref="CountingBlockStore"/>, which keeps nothing (so the importer need not copy
/// the blocks it lends). A node row's time includes one line of standard input and output to the Node process (well
/// under a millisecond).
/// </remarks>
[MemoryDiagnoser]
[ThroughputColumn(Size)]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ImportBenchmarks : IChildProcessorTime
{
    private const int Size = 256 * 1024 * 1024;
    private const string DotNet = "dotnet";
    private const string Node = "node";

    private readonly CountingBlockStore _store = new();
    private byte[] _data = [];
    private ImportOptions _singleThreaded = ImportOptions.UnixFsV0Of2015;
    private ImportOptions _parallel = ImportOptions.UnixFsV0Of2015;
    private NodeImporterProcess? _node;
    private string _expectedCid = string.Empty;

    /// <summary>Gets or sets Kubo's name of the import profile.</summary>
    [Params("unixfs-v0-2015", "unixfs-v1-2025")]
    public string Profile { get; set; } = "unixfs-v0-2015";

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkData.PseudoRandom(Size);
        var profile = ImportOptions.FromProfile(Profile);
        _singleThreaded = profile with { MaxDegreeOfParallelism = 1 };
        _parallel = profile with { MaxDegreeOfParallelism = Environment.ProcessorCount };
    }

    /// <summary>Starts the Node side and checks that it finds our root CID for the same bytes.</summary>
    [GlobalSetup(Targets = [nameof(NodeSha256), nameof(NodeImportOnlyHash)])]
    public void SetupNode()
    {
        Setup();
        _expectedCid = ImportOnlyHash().GetAwaiter().GetResult().Cid.ToString();
        _node = NodeImporterProcess.Start(_data);
        NodeImportOnlyHash();
    }

    [GlobalCleanup(Targets = [nameof(NodeSha256), nameof(NodeImportOnlyHash)])]
    public void StopNode() => _node?.Dispose();

    /// <summary>Checks that the store really received every block of every import.</summary>
    [GlobalCleanup(Targets = [nameof(ImportWithStore), nameof(ImportWithStoreParallel)])]
    public void CheckStore()
    {
        // unixfs-v0-2015: 1,024 leaves, 6 nodes of up to 174 links, 1 root; unixfs-v1-2025: 256 leaves, 1 root.
        var blocksPerImport = Profile == "unixfs-v0-2015" ? 1_031 : 257;
        if (_store.Blocks == 0 || _store.Blocks % blocksPerImport != 0)
        {
            throw new InvalidOperationException($"The store received {_store.Blocks} blocks, not a multiple of {blocksPerImport}.");
        }
    }

    TimeSpan IChildProcessorTime.ChildProcessorTime => _node?.ProcessorTime ?? TimeSpan.Zero;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(DotNet)]
    public int Sha256() => BenchmarkData.Sha256InChunks(_data, _singleThreaded.ChunkSize);

    /// <summary>The copy out of the stream and the hash, one after the other.</summary>
    [Benchmark]
    [BenchmarkCategory(DotNet)]
    public Task<int> ReadAndSha256() => BenchmarkData.ReadAndSha256InChunks(Stream(), _singleThreaded.ChunkSize);

    [Benchmark]
    [BenchmarkCategory(DotNet)]
    public Task<ImportResult> ImportOnlyHash() => new UnixFsImporter(null, _singleThreaded).AddFileAsync(Stream());

    [Benchmark]
    [BenchmarkCategory(DotNet)]
    public Task<ImportResult> ImportOnlyHashParallel() => new UnixFsImporter(null, _parallel).AddFileAsync(Stream());

    [Benchmark]
    [BenchmarkCategory(DotNet)]
    public Task<ImportResult> ImportWithStore() => new UnixFsImporter(_store, _singleThreaded).AddFileAsync(Stream());

    [Benchmark]
    [BenchmarkCategory(DotNet)]
    public Task<ImportResult> ImportWithStoreParallel() => new UnixFsImporter(_store, _parallel).AddFileAsync(Stream());

    /// <summary>SHA-256 of the same bytes in the same pieces, in Node (node:crypto, the importer's hasher).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Node)]
    public string NodeSha256() => _node!.Run($"sha256 {Profile}");

    /// <summary>The reference importer, only hashing, on the same bytes with the same profile.</summary>
    [Benchmark]
    [BenchmarkCategory(Node)]
    public string NodeImportOnlyHash()
    {
        var cid = _node!.Run($"import {Profile}");
        return cid == _expectedCid ? cid : throw new InvalidOperationException($"ipfs-unixfs-importer made {cid}, IpfsKit {_expectedCid}.");
    }

    private MemoryStream Stream() => new(_data, writable: false);
}
