using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IpfsKit.Content;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Benchmarks.Transports;

/// <summary>
/// The Kubo RPC transport against <c>curl</c> talking to the same daemon in the same run (issue 19, item 3): add of a
/// file (<c>curl -F file=@… /api/v0/add</c>) and cat of it (<c>curl -X POST /api/v0/cat -o /dev/null</c>). The daemon is
/// our node host, a js-ipfs peer or a running Kubo (<see cref="Target"/>, see <see cref="BenchmarkDaemon"/>); the file is
/// <c>IPFSKIT_BENCH_MIB</c> MiB (256 unless set), on disk, never in memory.
/// </summary>
/// <remarks>
/// The goal is at most 1.05 × curl. On a busy machine read the interleaved runner's CPU ratios
/// (<c>dotnet run -c Release --project benchmarks/IpfsKit.Benchmarks -- --interleaved KuboTransportBenchmarks 3</c>): they
/// count this process, curl and the daemon; the client columns leave the daemon out.
/// </remarks>
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class KuboTransportBenchmarks : IChildProcessorTime
{
    private readonly long _size = BenchmarkData.FileSize(256);
    private string _folder = string.Empty;
    private string _file = string.Empty;
    private BenchmarkDaemon _daemon = null!;
    private HttpClient _http = null!;
    private KuboRpcTransport _transport = null!;
    private Cid _cid;

    /// <summary>Gets or sets the daemon: <c>ipfs-kit</c> (our node host), <c>js-ipfs</c> or <c>external</c> (<c>IPFSKIT_PEER_API</c>).</summary>
    [ParamsSource(nameof(Targets))]
    public string Target { get; set; } = BenchmarkDaemon.IpfsKit;

    /// <summary>Our host and js-ipfs, or the daemons <c>IPFSKIT_BENCH_TARGETS</c> names (comma-separated).</summary>
    public static IEnumerable<string> Targets() =>
        Environment.GetEnvironmentVariable("IPFSKIT_BENCH_TARGETS") is { Length: > 0 } names
            ? names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [BenchmarkDaemon.IpfsKit, BenchmarkDaemon.JsIpfs];

    TimeSpan IChildProcessorTime.ChildProcessorTime => ChildProcesses.EndedProcessorTime + _daemon.ProcessorTime;

    TimeSpan IChildProcessorTime.ServerProcessorTime => _daemon.ProcessorTime;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ipfskit-bench-kubo-").FullName;
        _file = Path.Combine(_folder, "data.bin");
        await ChildProcesses.WriteFileAsync(_file, _size);
        _daemon = await BenchmarkDaemon.StartAsync(Target, _folder);
        _http = _daemon.CreateApiClient();
        _transport = new KuboRpcTransport(_http);
        _cid = (await TransportAdd()).Cid;
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _http.Dispose();
        await _daemon.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Add")]
    public string CurlAdd() =>
        ChildProcesses.Run("curl", $"-sf -X POST {_daemon.CurlAuthorization} -F file=@{_file} {_daemon.Api}api/v0/add?pin=false&quieter=true");

    [Benchmark]
    [BenchmarkCategory("Add")]
    public async Task<AddResult> TransportAdd()
    {
        await using var content = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await _transport.AddAsync(content, new AddOptions { Pin = false });
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Cat")]
    public string CurlCat() => ChildProcesses.Run("curl", $"-sf -X POST {_daemon.CurlAuthorization} -o /dev/null {_daemon.Api}api/v0/cat?arg={_cid}");

    [Benchmark]
    [BenchmarkCategory("Cat")]
    public async Task<long> TransportCat()
    {
        await using var stream = await _transport.CatAsync(_cid);
        var counter = new CountingStream();
        await stream.CopyToAsync(counter, 256 * 1024);
        return counter.Length == _size ? counter.Length : throw new InvalidOperationException($"cat returned {counter.Length} bytes");
    }
}
