using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IpfsKit.Content;
using IpfsKit.Transports.Gateway;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Benchmarks.Transports;

/// <summary>
/// Verified reads from a trustless gateway against <c>curl</c> of the same CAR from the same gateway (issue 19, item 3):
/// <see cref="GatewayTransport.GetCarAsync"/> (one CAR, every block hashed and checked against its CID) and
/// <see cref="GatewayTransport.CatAsync"/> (the file's bytes, block by block with <c>?format=raw</c>, each verified).
/// The gateway is our node host's (<see cref="BenchmarkDaemon.IpfsKit"/>); the file is <c>IPFSKIT_BENCH_MIB</c> MiB
/// (256 unless set), added through the RPC API once. The goal is at most 1.10 × curl; <see cref="CurlCarSha256"/> shows
/// what hashing every byte once adds to curl.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class GatewayTransportBenchmarks : IChildProcessorTime
{
    private readonly long _size = BenchmarkData.FileSize(256);
    private string _folder = string.Empty;
    private BenchmarkDaemon _daemon = null!;
    private HttpClient _gatewayHttp = null!;
    private GatewayTransport _gateway = null!;
    private Cid _cid;

    TimeSpan IChildProcessorTime.ChildProcessorTime => ChildProcesses.EndedProcessorTime + _daemon.ProcessorTime;

    TimeSpan IChildProcessorTime.ServerProcessorTime => _daemon.ProcessorTime;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ipfskit-bench-gateway-").FullName;
        var file = Path.Combine(_folder, "data.bin");
        await ChildProcesses.WriteFileAsync(file, _size);
        _daemon = await BenchmarkDaemon.StartAsync(BenchmarkDaemon.IpfsKit, _folder);
        using (var api = _daemon.CreateApiClient())
        {
            await using var content = File.OpenRead(file);
            _cid = (await new KuboRpcTransport(api).AddAsync(content)).Cid;
        }

        File.Delete(file);
        _gatewayHttp = new HttpClient { BaseAddress = _daemon.Gateway, Timeout = Timeout.InfiniteTimeSpan };
        _gateway = new GatewayTransport(_gatewayHttp);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _gatewayHttp.Dispose();
        await _daemon.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public string CurlCar() =>
        ChildProcesses.Run("curl", $"-sf -H \"Accept: application/vnd.ipld.car\" -o /dev/null {_daemon.Gateway}ipfs/{_cid}?format=car");

    /// <summary>The same CAR through curl and hashed once (SHA-256 with OpenSSL, in a second process): the floor of a verified read.</summary>
    [Benchmark]
    public string CurlCarSha256() =>
        ChildProcesses.Run("bash", $"-c \"set -o pipefail; curl -sf -H 'Accept: application/vnd.ipld.car' {_daemon.Gateway}ipfs/{_cid}?format=car | openssl dgst -sha256\"");

    [Benchmark]
    public async Task<long> TransportCar()
    {
        long bytes = 0;
        await foreach (var block in _gateway.GetCarAsync(_cid))
        {
            bytes += block.Size;
        }

        // The CAR holds the leaves' blocks and the interior nodes: at least the file's bytes.
        return bytes >= _size ? bytes : throw new InvalidOperationException($"the CAR held {bytes} bytes of blocks");
    }

    [Benchmark]
    public async Task<long> TransportCat()
    {
        await using var stream = await _gateway.CatAsync(_cid);
        var counter = new CountingStream();
        await stream.CopyToAsync(counter, 256 * 1024);
        return counter.Length == _size ? counter.Length : throw new InvalidOperationException($"cat returned {counter.Length} bytes");
    }
}
