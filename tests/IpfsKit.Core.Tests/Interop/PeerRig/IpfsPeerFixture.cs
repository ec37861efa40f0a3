using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IpfsKit.Tests.Interop.PeerRig;

/// <summary>
/// Starts real IPFS peers (js-ipfs daemons on loopback, see tests/peers) for a test collection and stops them after it.
/// Installs js-ipfs with npm on first use. <c>IPFSKIT_PEER_API=http://host:port</c> uses that external Kubo instead.
/// If a peer cannot be started, every test of the collection fails with the reason: interop tests never skip silently.
/// </summary>
public class IpfsPeerFixture : IAsyncLifetime
{
    private readonly int _count;
    private string? _repos;
    private string? _peersDir;

    public IpfsPeerFixture()
        : this(1)
    {
    }

    protected IpfsPeerFixture(int count) => _count = count;

    public IReadOnlyList<PeerClient> Peers { get; private set; } = [];

    public PeerClient Peer => Peers[0];

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("IPFSKIT_PEER_API") is { Length: > 0 } external)
        {
            Peers = [new PeerClient(new Uri(external.TrimEnd('/') + "/"))];
            await Peer.IdAsync();
            return;
        }

        _peersDir = Path.Combine(FindRepositoryRoot(), "tests", "peers");
        await EnsureInstalledAsync(_peersDir);
        _repos = Directory.CreateTempSubdirectory("ipfskit-peers-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopPeers();
        var basePort = FindFreeBasePort(_count);
        var (exit, output, errors) = await RunAsync("bash", [Path.Combine(_peersDir, "start-peers.sh"), _repos, _count.ToString(), basePort.ToString()], _peersDir, TimeSpan.FromMinutes(3));
        if (exit != 0)
        {
            StopPeers();
            throw new InvalidOperationException($"The IPFS test peers did not start (exit {exit}).\n{errors}\n{output}");
        }

        Peers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => new PeerClient(new Uri(url + "/"))).ToArray();
        if (Peers.Count != _count)
        {
            throw new InvalidOperationException($"Expected {_count} peer URLs from start-peers.sh, got: {output}");
        }
    }

    public Task DisposeAsync()
    {
        foreach (var peer in Peers)
        {
            peer.Dispose();
        }

        StopPeers();
        return Task.CompletedTask;
    }

    private void StopPeers()
    {
        if (_repos is null || _peersDir is null || !Directory.Exists(_repos))
        {
            return;
        }

        RunAsync("bash", [Path.Combine(_peersDir, "stop-peers.sh"), _repos], _peersDir, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        try
        {
            Directory.Delete(_repos, recursive: true);
        }
        catch (IOException)
        {
            // A daemon may still be releasing its repo lock; the temp folder is left behind then.
        }
    }

    private static async Task EnsureInstalledAsync(string peersDir)
    {
        var jsipfs = Path.Combine(peersDir, "node_modules", ".bin", "jsipfs");
        if (File.Exists(jsipfs))
        {
            return;
        }

        // Serialize installs between test processes that start at the same time.
        using var installLock = await AcquireLockAsync(Path.Combine(peersDir, ".install.lock"));
        if (File.Exists(jsipfs))
        {
            return;
        }

        var (exit, output, errors) = await RunAsync("npm", ["install", "--no-audit", "--no-fund"], peersDir, TimeSpan.FromMinutes(10));
        if (exit != 0 || !File.Exists(jsipfs))
        {
            throw new InvalidOperationException($"Installing the IPFS test peer (npm install in {peersDir}) failed with exit {exit}.\n{Tail(errors)}\n{Tail(output)}");
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 1200)
            {
                await Task.Delay(500);
            }
        }
    }

    private static int FindFreeBasePort(int count)
    {
        var random = new Random();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var basePort = 20_000 + (random.Next(0, 200) * 100);
            var ports = Enumerable.Range(0, count).SelectMany(i => new[] { basePort + i, basePort + 1000 + i, basePort + 2000 + i, basePort + 3000 + i });
            if (ports.All(IsFree))
            {
                return basePort;
            }
        }

        throw new InvalidOperationException("No free loopback ports for the IPFS test peers.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpfsKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"IpfsKit.sln not found above {AppContext.BaseDirectory}.");
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string file, string[] args, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await output, $"{file} timed out after {timeout}.\n{await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
