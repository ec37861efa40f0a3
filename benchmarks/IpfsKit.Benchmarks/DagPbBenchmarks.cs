using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;
using IpfsKit.Content.UnixFs.Importing.Internal;

namespace IpfsKit.Benchmarks;

/// <summary>
/// dag-pb encode/decode of the two blocks a Kubo-default import makes: a full file node (174 links to CIDv0 leaves,
/// UnixFS data with 174 blocksizes) and a 262,144-byte leaf.
/// </summary>
/// <remarks>
/// Each category's baseline copies the block's bytes into a preallocated buffer: a codec must at least touch every byte
/// once, so a plain copy of the same size is its physical floor (a decoder that slices instead of copying can beat it).
/// A SHA-256 of the same bytes is shown beside it for scale, since the importer hashes every block it encodes.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class DagPbBenchmarks
{
    private const int Links = 174;

    private DagPbNode _fileNode = null!;
    private byte[] _fileNodeBytes = [];
    private DagPbNode _leaf = null!;
    private byte[] _leafBytes = [];
    private byte[] _frameBuffer = [];
    private byte[] _copy = [];

    [GlobalSetup]
    public void Setup()
    {
        var leafData = UnixFsCodec.Encode(new UnixFsData
        {
            Type = UnixFsType.File,
            Data = BenchmarkData.PseudoRandom(BenchmarkData.ChunkSize),
            FileSize = BenchmarkData.ChunkSize,
        });
        _leaf = new DagPbNode([], leafData);
        _leafBytes = DagPbCodec.Encode(_leaf);

        var leafCid = Cid.Compute(Multicodec.DagPb, _leafBytes, version: 0);
        var links = Enumerable.Range(0, Links)
            .Select(i => new DagPbLink(Cid.Compute(Multicodec.DagPb, BitConverter.GetBytes(i), version: 0), string.Empty, (ulong)_leafBytes.Length))
            .Prepend(new DagPbLink(leafCid, string.Empty, (ulong)_leafBytes.Length))
            .Take(Links)
            .ToArray();
        var fileData = UnixFsCodec.Encode(new UnixFsData
        {
            Type = UnixFsType.File,
            FileSize = (ulong)Links * BenchmarkData.ChunkSize,
            BlockSizes = Enumerable.Repeat((ulong)BenchmarkData.ChunkSize, Links).ToArray(),
        });
        _fileNode = new DagPbNode(links, fileData);
        _fileNodeBytes = DagPbCodec.Encode(_fileNode);

        _frameBuffer = new byte[LeafEncoder.HeaderRoom + BenchmarkData.ChunkSize + LeafEncoder.TrailerRoom];
        _copy = new byte[_leafBytes.Length];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("FileNode")]
    public int CopyFileNodeBytes()
    {
        _fileNodeBytes.AsSpan().CopyTo(_copy);
        return _fileNodeBytes.Length;
    }

    [Benchmark]
    [BenchmarkCategory("FileNode")]
    public byte[] Sha256FileNode() => SHA256.HashData(_fileNodeBytes);

    [Benchmark]
    [BenchmarkCategory("FileNode")]
    public byte[] EncodeFileNode() => DagPbCodec.Encode(_fileNode);

    [Benchmark]
    [BenchmarkCategory("FileNode")]
    public DagPbNode DecodeFileNode() => DagPbCodec.Decode(_fileNodeBytes);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Leaf")]
    public int CopyLeafBytes()
    {
        _leafBytes.AsSpan().CopyTo(_copy);
        return _leafBytes.Length;
    }

    [Benchmark]
    [BenchmarkCategory("Leaf")]
    public byte[] Sha256Leaf() => SHA256.HashData(_leafBytes);

    /// <summary>The general encoder: a new array and a copy of the data.</summary>
    [Benchmark]
    [BenchmarkCategory("Leaf")]
    public byte[] EncodeLeaf() => DagPbCodec.Encode(_leaf);

    /// <summary>What the importer does instead: frames the chunk in place, around bytes already in its buffer.</summary>
    [Benchmark]
    [BenchmarkCategory("Leaf")]
    public int FrameLeafInPlace() => LeafEncoder.Frame(_frameBuffer, BenchmarkData.ChunkSize, UnixFsType.File).Length;

    [Benchmark]
    [BenchmarkCategory("Leaf")]
    public DagPbNode DecodeLeaf() => DagPbCodec.Decode(_leafBytes);
}
