using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using IpfsKit.Testing.Processes;

namespace IpfsKit.Benchmarks.Transports;

/// <summary>
/// The daemon a transport benchmark and its curl baseline both talk to, started for the run: our own node host
/// (<c>ipfs-kit</c>, a child process through the tests' <see cref="HostProcess"/>, with its gateway) or a js-ipfs peer
/// from tests/peers (needs <c>npm install --no-audit --no-fund</c> there first; no gateway of the trustless kind), or a
/// running Kubo at <c>IPFSKIT_PEER_API</c> (<see cref="External"/>: not started here, so its CPU is not counted).
/// </summary>
internal sealed class BenchmarkDaemon : IAsyncDisposable
{
    /// <summary>The <c>ipfs-kit</c> node host.</summary>
    public const string IpfsKit = "ipfs-kit";

    /// <summary>A js-ipfs 0.66 daemon.</summary>
    public const string JsIpfs = "js-ipfs";

    /// <summary>The node at <c>IPFSKIT_PEER_API</c> (a real Kubo, say).</summary>
    public const string External = "external";

    private const string Token = "bench-transport-token-0123456789";

    private readonly HostProcess? _host;
    private readonly string? _repos;
    private readonly Process? _process;

    private BenchmarkDaemon(Uri api, Uri? gateway, HostProcess? host, string? repos, Process? process)
    {
        Api = api;
        Gateway = gateway;
        _host = host;
        _repos = repos;
        _process = process;
    }

    /// <summary>Gets the RPC API root (ends in <c>/</c>).</summary>
    public Uri Api { get; }

    /// <summary>Gets the trustless gateway root, or <see langword="null"/> when the daemon has none.</summary>
    public Uri? Gateway { get; }

    /// <summary>Gets curl's arguments that authorize an API call.</summary>
    public string CurlAuthorization => _host is null ? string.Empty : $"-H \"Authorization: Bearer {Token}\"";

    /// <summary>Gets the daemon's processor time so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process?.Refresh();
            return _process?.TotalProcessorTime ?? TimeSpan.Zero;
        }
    }

    /// <summary>Starts the daemon and waits until it answers.</summary>
    public static async Task<BenchmarkDaemon> StartAsync(string kind, string folder)
    {
        if (kind == IpfsKit)
        {
            var extra = new Dictionary<string, string> { ["IPFS_KIT_LOG_LEVEL"] = "warning", ["MAX_STORAGE"] = "20G" };
            var host = await HostProcess.StartReadyAsync(Token, extra);
            return new BenchmarkDaemon(
                new Uri($"http://127.0.0.1:{host.Port}/"), new Uri($"http://127.0.0.1:{host.GatewayPort}/"), host, null, Process.GetProcessById(host.ProcessId));
        }

        if (kind == External)
        {
            var api = Environment.GetEnvironmentVariable("IPFSKIT_PEER_API") ?? throw new InvalidOperationException("IPFSKIT_PEER_API is not set");
            return new BenchmarkDaemon(new Uri(api.TrimEnd('/') + "/"), null, null, null, null);
        }

        if (kind != JsIpfs)
        {
            throw new ArgumentException($"unknown daemon {kind}", nameof(kind));
        }

        // A random base port may be taken (a daemon of an earlier benchmark process still closing): try a few.
        for (var attempt = 1; ; attempt++)
        {
            var repos = Path.Combine(folder, $"peers{attempt}");
            var port = 30000 + Random.Shared.Next(0, 4000);
            try
            {
                var url = ChildProcesses.Run("bash", $"{Path.Combine(PeersFolder(), "start-peers.sh")} {repos} 1 {port}").Trim();
                var pid = int.Parse(File.ReadAllText(Path.Combine(repos, "peer0", "daemon.pid")).Trim(), CultureInfo.InvariantCulture);
                return new BenchmarkDaemon(new Uri(url + "/"), null, null, repos, Process.GetProcessById(pid));
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>A client of the API (authorized), without a timeout.</summary>
    public HttpClient CreateApiClient()
    {
        var http = new HttpClient { BaseAddress = Api, Timeout = Timeout.InfiniteTimeSpan };
        if (_host is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        return http;
    }

    /// <summary>Stops the daemon and removes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        _process?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_repos is not null)
        {
            ChildProcesses.Run("bash", $"{Path.Combine(PeersFolder(), "stop-peers.sh")} {_repos}");
        }
    }

    private static string PeersFolder([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "tests", "peers"));
}
