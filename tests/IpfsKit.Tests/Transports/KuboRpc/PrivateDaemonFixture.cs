using System.Globalization;
using IpfsKit.Testing.PeerRig;
using IpfsKit.Testing.Processes;

namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>
/// One js-ipfs daemon of its own (tests/peers/start-peers.sh in a temp folder), so a test may kill it without hurting
/// other tests, and restart it on the same ports with the same repo.
/// </summary>
public sealed class PrivateDaemonFixture : IAsyncLifetime
{
    private readonly string _peersDir = Path.Combine(PeerRigHost.FindRepositoryRoot(), "tests", "peers");
    private readonly string _repos = Directory.CreateTempSubdirectory("ipfskit-kubo-private-").FullName;
    private int _basePort;

    /// <summary>The daemon's API root.</summary>
    public Uri ApiBase { get; private set; } = new("http://127.0.0.1:1/");

    public async Task InitializeAsync()
    {
        _basePort = PeerRigHost.FindFreeBasePort(1, 20_050);
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await RunAsync("bash", Path.Combine(_peersDir, "stop-peers.sh"), _repos);
        try
        {
            Directory.Delete(_repos, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Kills the daemon's process group with SIGKILL: no shutdown, connections drop.</summary>
    public async Task KillAsync()
    {
        var pid = (await File.ReadAllTextAsync(Path.Combine(_repos, "peer0", "daemon.pid"))).Trim();
        await ChildProcess.KillGroupAsync(int.Parse(pid, CultureInfo.InvariantCulture));
    }

    /// <summary>Starts the daemon again on the same ports and repo (after <see cref="KillAsync"/>).</summary>
    public async Task RestartAsync()
    {
        // A SIGKILLed js-ipfs leaves its repo lock and api file behind.
        foreach (var stale in new[] { "repo.lock", "api" })
        {
            var path = Path.Combine(_repos, "peer0", stale);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        await StartAsync();
    }

    private async Task StartAsync()
    {
        var (exit, output) = await RunAsync("bash", Path.Combine(_peersDir, "start-peers.sh"), _repos, "1", _basePort.ToString());
        if (exit != 0)
        {
            throw new InvalidOperationException($"start-peers.sh exited with {exit}:\n{output}");
        }

        ApiBase = new Uri(output.Trim().Split('\n')[^1].Trim() + "/");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        var result = await ChildProcess.RunAsync(file, args, null, TimeSpan.FromMinutes(3));
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}

/// <summary>Fault tests: their own daemon, which they kill and restart.</summary>
[CollectionDefinition("KuboPrivateDaemon")]
public sealed class KuboPrivateDaemonCollection : ICollectionFixture<PrivateDaemonFixture>
{
}

/// <summary>The memory test: its own daemon, and nothing else running meanwhile (memory and CPU are measured).</summary>
[CollectionDefinition("KuboMemory", DisableParallelization = true)]
public sealed class KuboMemoryCollection : ICollectionFixture<PrivateDaemonFixture>
{
}
