using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Testing.Processes;
using IpfsKit.Transports.KuboRpc;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Cluster ingest (issue 12, item 7): a file added through a master with three workers (real <c>ipfs-kit</c> host
/// processes on loopback, started once, each with its own data folder) until the master's pinset shows it placed on the
/// workers, against the same bytes added to one embedded node in this process (the baseline), in the same run.
/// </summary>
/// <remarks>
/// <para>
/// The size is <see cref="SizeMiB"/>: 1,024 (1 GiB) unless <c>IPFSKIT_BENCH_CLUSTER_MIB</c> sets another, for a quick run
/// (<c>IPFSKIT_BENCH_CLUSTER_MIB=256 dotnet run -c Release --project benchmarks/IpfsKit.Benchmarks -- --filter '*ClusterIngest*'</c>).
/// Each iteration adds new bytes (an iteration counter is written over the file's first 8 bytes), so no iteration finds
/// its blocks already there; the pins of an iteration are removed after it (and the embedded node's garbage collected).
/// </para>
/// <para>
/// The master shards DAGs above 1,000 links (<c>IpfsKit:Roles:LinkThreshold</c>, as in the trial), replication 1,
/// heartbeat and placement pass every second; <c>Ratio</c> is the cluster's time over the single node's, so it includes
/// the HTTP upload, the master's import and spool, and the block transfer to the workers.
/// </para>
/// </remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ClusterIngestBenchmarks
{
    private const string Token = "bench-cluster-token-0123456789";
    private const int Workers = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(15);

    private readonly List<HostProcess> _hosts = [];
    private string _folder = string.Empty;
    private string _file = string.Empty;
    private long _iteration;
    private ServiceProvider _embedded = null!;
    private HttpClient _masterHttp = null!;
    private KuboRpcTransport _master = null!;
    private MasterLinkClient _link = null!;
    private Cid? _added;

    /// <summary>Gets or sets the file's size in MiB.</summary>
    [ParamsSource(nameof(Sizes))]
    public int SizeMiB { get; set; }

    /// <summary>1,024 MiB, or <c>IPFSKIT_BENCH_CLUSTER_MIB</c>.</summary>
    public static IEnumerable<int> Sizes() =>
        [Environment.GetEnvironmentVariable("IPFSKIT_BENCH_CLUSTER_MIB") is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : 1024];

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ipfskit-bench-cluster-").FullName;
        _file = Path.Combine(_folder, "data.bin");
        await ChildProcesses.WriteFileAsync(_file, (long)SizeMiB * 1024 * 1024);

        var services = new ServiceCollection();
        services.AddIpfsKit().UseEmbeddedNode(s => s.Path = Path.Combine(_folder, "embedded"));
        _embedded = services.BuildServiceProvider();

        var masterPort = FreePorts.Next();
        var masterUrl = new Uri($"http://127.0.0.1:{masterPort}/");
        _hosts.Add(await HostProcess.StartReadyAsync(Token, Role("master", null), port: masterPort));
        for (var i = 0; i < Workers; i++)
        {
            _hosts.Add(await HostProcess.StartReadyAsync(Token, Role("worker", masterUrl)));
        }

        _masterHttp = new HttpClient { BaseAddress = masterUrl, Timeout = Timeout.InfiniteTimeSpan };
        _masterHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        _master = new KuboRpcTransport(_masterHttp);
        _link = new MasterLinkClient(_masterHttp);
        await UntilAsync(async () => (await _link.ListWorkersAsync()).Count(w => w.State == WorkerState.Alive) == Workers, "three workers alive");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _masterHttp.Dispose();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _embedded.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Makes the next iteration's bytes new: the iteration counter over the file's first 8 bytes.</summary>
    [IterationSetup]
    public void NewBytes()
    {
        using var file = new FileStream(_file, FileMode.Open, FileAccess.Write);
        file.Write(BitConverter.GetBytes(++_iteration));
    }

    [Benchmark(Baseline = true)]
    public async Task<Cid> EmbeddedAdd()
    {
        await using var content = OpenFile();
        var added = await _embedded.GetRequiredService<IIpfsKit>().AddAsync(content);
        _added = added.Cid;
        return added.Cid;
    }

    [Benchmark]
    public async Task<Cid> ClusterAdd()
    {
        await using var content = OpenFile();
        var root = (await _master.AddAsync(content)).Cid;
        _added = root;
        var text = root.ToString();
        await UntilAsync(async () => (await _link.ListPinsAsync()).Any(p => p.Cid == text && p.State == MasterPinState.Placed), $"{text} placed");
        return root;
    }

    [IterationCleanup(Target = nameof(EmbeddedAdd))]
    public void ReleaseEmbedded()
    {
        var ipfs = _embedded.GetRequiredService<IIpfsKit>();
        ipfs.UnpinAsync(Added()).GetAwaiter().GetResult();
        foreach (var _ in ipfs.CollectGarbageAsync().ToBlockingEnumerable())
        {
            // each collected block
        }
    }

    [IterationCleanup(Target = nameof(ClusterAdd))]
    public void ReleaseCluster() => _master.UnpinAsync(Added()).GetAwaiter().GetResult();

    private Cid Added() => _added ?? throw new InvalidOperationException("nothing was added");

    private FileStream OpenFile() =>
        new(_file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static Dictionary<string, string> Role(string role, Uri? master) => new()
    {
        ["IPFS_KIT_ROLE"] = role,
        ["MASTER_NODE"] = master?.ToString() ?? "",
        ["IpfsKit__Roles__HeartbeatInterval"] = "00:00:01",
        ["IpfsKit__Roles__LinkThreshold"] = "1000",
        ["IPFS_KIT_LOG_LEVEL"] = "warning",
    };

    /// <summary>Polls every 50 ms until <paramref name="done"/> holds; a benchmark's wait, not a test's assertion.</summary>
    private static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"{what}: not within {Patience.TotalMinutes:0} min");
            }

            await Task.Delay(50);
        }
    }
}
