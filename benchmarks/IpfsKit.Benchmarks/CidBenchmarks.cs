using BenchmarkDotNet.Attributes;
using IpfsKit.Content;

namespace IpfsKit.Benchmarks;

/// <summary>CID parse and format; the baseline is the framework's own Guid.Parse of a 36-character string, a well-tuned text-to-bytes parse.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class CidBenchmarks
{
    private const string V0 = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";
    private const string V1 = "bafybeihv4fupmkugrw5mmcixl7alzulykdgy5pvyp73tnk5anxdckdbtji";
    private const string GuidText = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    private readonly Cid _v0 = Cid.Parse(V0);
    private readonly Cid _v1 = Cid.Parse(V1);
    private readonly byte[] _v1Bytes = Cid.Parse(V1).ToBytes();

    [Benchmark(Baseline = true)]
    public Guid GuidParse() => Guid.Parse(GuidText);

    [Benchmark]
    public Cid ParseV0() => Cid.Parse(V0);

    [Benchmark]
    public Cid ParseV1() => Cid.Parse(V1);

    [Benchmark]
    public string FormatV0() => _v0.ToString();

    [Benchmark]
    public string FormatV1() => _v1.ToString();

    [Benchmark]
    public Cid FromBytes() => Cid.FromBytes(_v1Bytes);
}
