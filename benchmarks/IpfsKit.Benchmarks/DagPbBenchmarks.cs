using BenchmarkDotNet.Attributes;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;

namespace IpfsKit.Benchmarks;

/// <summary>dag-pb encode/decode of a full 174-link file node; the baseline copies the same number of bytes (the floor of any codec).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class DagPbBenchmarks
{
    private DagPbNode _node = null!;
    private byte[] _encoded = [];
    private byte[] _copy = [];

    [GlobalSetup]
    public void Setup()
    {
        var links = Enumerable.Range(0, 174)
            .Select(i => new DagPbLink(Cid.Compute(Multicodec.DagPb, BitConverter.GetBytes(i), 0), string.Empty, 262_158))
            .ToArray();
        _node = new DagPbNode(links, new byte[1050]);
        _encoded = DagPbCodec.Encode(_node);
        _copy = new byte[_encoded.Length];
    }

    [Benchmark(Baseline = true)]
    public int CopySameBytes()
    {
        _encoded.AsSpan().CopyTo(_copy);
        return _copy.Length;
    }

    [Benchmark]
    public byte[] Encode() => DagPbCodec.Encode(_node);

    [Benchmark]
    public DagPbNode Decode() => DagPbCodec.Decode(_encoded);
}
