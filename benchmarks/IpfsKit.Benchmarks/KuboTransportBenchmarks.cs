using System.Diagnostics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IpfsKit.Content;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Benchmarks;

/// <summary>
/// The Kubo RPC transport against <c>curl</c> talking to the same daemon in the same run: add of a 256 MiB file
/// (<c>curl -F file=@…  /api/v0/add</c>) and cat of it (<c>curl -X POST /api/v0/cat</c>). The daemon is a js-ipfs peer
/// from tests/peers (started here; needs <c>npm install</c> there first), or the Kubo at <c>IPFSKIT_PEER_API</c>.
/// The ratio is the transport's overhead over a plain HTTP client: the target is at most 1.10.
/// </summary>
[ThroughputColumn(Size)]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class KuboTransportBenchmarks
{
    private const int Size = 256 * 1024 * 1024;

    private string _folder = string.Empty;
    private string _file = string.Empty;
    private string? _repos;
    private Uri _api = null!;
    private HttpClient _http = null!;
    private KuboRpcTransport _transport = null!;
    private Cid _cid;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ipfskit-bench-kubo-").FullName;
        _file = Path.Combine(_folder, "data.bin");
        await File.WriteAllBytesAsync(_file, BenchmarkData.PseudoRandom(Size));
        _api = Environment.GetEnvironmentVariable("IPFSKIT_PEER_API") is { Length: > 0 } external ? new Uri(external.TrimEnd('/') + "/") : StartPeer();
        _http = new HttpClient { BaseAddress = _api, Timeout = Timeout.InfiniteTimeSpan };
        _transport = new KuboRpcTransport(_http);
        await using var content = File.OpenRead(_file);
        _cid = (await _transport.AddAsync(content, new AddOptions { Pin = false })).Cid;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        if (_repos is not null)
        {
            Run("bash", $"{Path.Combine(PeersFolder(), "stop-peers.sh")} {_repos}");
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Add")]
    public string CurlAdd() => Run("curl", $"-sf -X POST -F file=@{_file} {_api}api/v0/add?pin=false&quieter=true");

    [Benchmark]
    [BenchmarkCategory("Add")]
    public async Task<AddResult> TransportAdd()
    {
        await using var content = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await _transport.AddAsync(content, new AddOptions { Pin = false });
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Cat")]
    public string CurlCat() => Run("curl", $"-sf -X POST -o /dev/null {_api}api/v0/cat?arg={_cid}");

    [Benchmark]
    [BenchmarkCategory("Cat")]
    public async Task<long> TransportCat()
    {
        await using var stream = await _transport.CatAsync(_cid);
        var counter = new CountingStream();
        await stream.CopyToAsync(counter, 256 * 1024);
        return counter.Length == Size ? counter.Length : throw new InvalidOperationException($"cat returned {counter.Length} bytes");
    }

    private static string PeersFolder([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "tests", "peers"));

    private static string Run(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{command} exited with {process.ExitCode}: {errors}");
    }

    private Uri StartPeer()
    {
        // A random base port may be taken (a daemon of an earlier benchmark process still closing): try a few.
        for (var attempt = 1; ; attempt++)
        {
            _repos = Path.Combine(_folder, $"peers{attempt}");
            var port = 30000 + Random.Shared.Next(0, 4000);
            try
            {
                var urls = Run("bash", $"{Path.Combine(PeersFolder(), "start-peers.sh")} {_repos} 1 {port}");
                return new Uri(urls.Trim() + "/");
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Counts what is written and drops it, like curl's <c>-o /dev/null</c>.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return default;
        }
    }
}
