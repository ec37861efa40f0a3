using System.Globalization;
using IpfsKit.Testing.Processes;

namespace IpfsKit.Testing.PeerRig;

/// <summary>
/// Starts real IPFS peers (js-ipfs daemons on loopback, see tests/peers) for a test collection and stops them after it.
/// Installs js-ipfs with npm on first use. <c>IPFSKIT_PEER_API=http://host:port</c> (comma-separated for several peers)
/// uses those running Kubo nodes instead and starts nothing.
/// If a peer cannot be started, every test of the collection fails with the reason: interop tests never skip silently.
/// A fixture with more peers is a subclass: <c>public sealed class ThreePeerFixture() : IpfsPeerFixture(3);</c>.
/// </summary>
public class IpfsPeerFixture : IAsyncLifetime
{
    private const string ExternalApiVariable = "IPFSKIT_PEER_API";
    private readonly int _count;
    private string? _repos;
    private string? _peersDir;

    public IpfsPeerFixture()
        : this(1)
    {
    }

    protected IpfsPeerFixture(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _count = count;
    }

    /// <summary>The running peers, in start order.</summary>
    public IReadOnlyList<PeerClient> Peers { get; private set; } = [];

    /// <summary>The first peer.</summary>
    public PeerClient Peer => Peers[0];

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ExternalApiVariable) is { Length: > 0 } external)
        {
            await UseExternalAsync(external);
            return;
        }

        try
        {
            _peersDir = Path.Combine(PeerRigHost.FindRepositoryRoot(), "tests", "peers");
            await EnsureInstalledAsync(_peersDir);
            _repos = Directory.CreateTempSubdirectory("ipfskit-peers-").FullName;
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
            var basePort = PeerRigHost.FindFreeBasePort(_count);
            var script = Path.Combine(_peersDir, "start-peers.sh");
            var (exit, output, errors) = await RunAsync("bash", [script, _repos, _count.ToString(), basePort.ToString()], _peersDir, TimeSpan.FromMinutes(3));
            if (exit != 0)
            {
                throw new InvalidOperationException($"start-peers.sh exited with {exit}.\n{Tail(errors)}\n{Tail(output)}");
            }

            Peers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(url => new PeerClient(new Uri(url + "/"))).ToArray();
            if (Peers.Count != _count)
            {
                throw new InvalidOperationException($"Expected {_count} API URLs from start-peers.sh, got:\n{output}");
            }

            foreach (var peer in Peers)
            {
                await peer.IdAsync();
            }
        }
        catch (Exception e)
        {
            await DisposeAsync();
            throw new InvalidOperationException(
                $"The IPFS test peers (js-ipfs, tests/peers) could not be started: {e.Message}\n"
                + $"Interop tests need Node.js 20+ with npm, or {ExternalApiVariable}=http://host:port of a running Kubo.",
                e);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var peer in Peers)
        {
            peer.Dispose();
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await StopPeersAsync();
    }

    /// <summary>
    /// Kills peer <paramref name="index"/>'s process group with SIGKILL, by the PID in its repo's daemon.pid: no
    /// shutdown, its API stops answering at once. Only for peers this fixture started.
    /// </summary>
    public async Task KillPeerAsync(int index)
    {
        if (_repos is null || _peersDir is null)
        {
            throw new InvalidOperationException($"Peer {index} was not started by this fixture ({ExternalApiVariable}); it cannot be killed.");
        }

        var pid = (await File.ReadAllTextAsync(Path.Combine(_repos, $"peer{index}", "daemon.pid"))).Trim();
        await ChildProcess.KillGroupAsync(int.Parse(pid, CultureInfo.InvariantCulture));
    }

    private async Task UseExternalAsync(string external)
    {
        var urls = external.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length < _count)
        {
            throw new InvalidOperationException($"{ExternalApiVariable} names {urls.Length} peer(s), these tests need {_count} (comma-separated API URLs).");
        }

        Peers = urls.Take(_count).Select(url => new PeerClient(new Uri(url.TrimEnd('/') + "/"))).ToArray();
        foreach (var peer in Peers)
        {
            try
            {
                await peer.IdAsync();
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"The external IPFS peer {peer.ApiBase} ({ExternalApiVariable}) does not answer /api/v0/id: {e.Message}", e);
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => StopPeersAsync().GetAwaiter().GetResult();

    private async Task StopPeersAsync()
    {
        var repos = Interlocked.Exchange(ref _repos, null);
        if (repos is null || _peersDir is null || !Directory.Exists(repos))
        {
            return;
        }

        await RunAsync("bash", [Path.Combine(_peersDir, "stop-peers.sh"), repos], _peersDir, TimeSpan.FromSeconds(30));
        try
        {
            Directory.Delete(repos, recursive: true);
        }
        catch (IOException)
        {
            // A daemon may still be releasing its repo; the temp folder is left behind then.
        }
    }

    private static async Task EnsureInstalledAsync(string peersDir)
    {
        var jsipfs = Path.Combine(peersDir, "node_modules", ".bin", "jsipfs");
        if (File.Exists(jsipfs))
        {
            return;
        }

        // Serialize installs between test processes that start at the same time. The lock file stays (gitignored):
        // deleting it on close would let a third process lock a new file while a second still holds the old one.
        using var installLock = await AcquireLockAsync(Path.Combine(peersDir, ".install.lock"));
        if (File.Exists(jsipfs))
        {
            return;
        }

        var (exit, output, errors) = await RunAsync("npm", ["install", "--no-audit", "--no-fund"], peersDir, TimeSpan.FromMinutes(10));
        if (exit != 0 || !File.Exists(jsipfs))
        {
            throw new InvalidOperationException($"npm install --no-audit --no-fund in {peersDir} exited with {exit}.\n{Tail(errors)}\n{Tail(output)}");
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1200)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Runs a tool of the rig to its end (stdin closed: npm and the scripts never wait for input); a timeout is exit code -1.</summary>
    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string file, string[] args, string workingDirectory, TimeSpan timeout)
    {
        var start = ChildProcess.StartInfo(file, args, workingDirectory);
        start.RedirectStandardInput = true;
        try
        {
            var result = await ChildProcess.RunAsync(start, timeout);
            return (result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (TimeoutException e)
        {
            return (-1, "", e.Message);
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}
