using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace IpfsKit.Testing.Processes;

/// <summary>
/// Runs the host's own build output (`dotnet IpfsKit.Node.dll`) as a child process on a free loopback port. The project
/// that uses it builds IpfsKit.Node first and stamps its path as <c>[AssemblyMetadata("NodeHostPath", …)]</c>
/// (IpfsKit.Node.Tests, IpfsKit.Benchmarks).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly string[] Stripped = ["IPFS_", "MASTER_NODE", "MAX_MEMORY", "MAX_STORAGE", "ASPNETCORE_", "DOTNET_ENVIRONMENT"];
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();

    private HostProcess(Process process, int port, int gatewayPort, string dataPath)
    {
        _process = process;
        Port = port;
        GatewayPort = gatewayPort;
        DataPath = dataPath;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        Gateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}/"), Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            Append(e.Data);
            lock (_output)
            {
                _errors.Append(e.Data is null ? "" : e.Data + "\n");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string HostPath { get; } = StampedPath.Of("NodeHostPath");

    public int Port { get; }

    /// <summary>Gets the gateway's port (IPFS_KIT_GATEWAY_PORT): a free one unless the test set the variable; 0 when off.</summary>
    public int GatewayPort { get; }

    public string DataPath { get; }

    public HttpClient Client { get; }

    /// <summary>Gets a client of the host's gateway (no token).</summary>
    public HttpClient Gateway { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Gets what the host wrote to stderr alone (also part of <see cref="Output"/>), one line each.</summary>
    public string ErrorOutput
    {
        get
        {
            lock (_output)
            {
                return _errors.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the host with the seed's minimal variables (+ <paramref name="extra"/>), not waiting for readiness.</summary>
    /// <param name="token">IPFS_KIT_API_TOKEN, or none.</param>
    /// <param name="extra">More variables (an empty value unsets one).</param>
    /// <param name="arguments">The command-line arguments.</param>
    /// <param name="port">The API port, or a free one.</param>
    /// <param name="script">A POSIX shell script that starts the host (the image's docker-entrypoint.sh, given the build output as IPFS_KIT_HOME), instead of <c>dotnet</c> directly.</param>
    public static HostProcess Start(string? token = null, IReadOnlyDictionary<string, string>? extra = null, string[]? arguments = null, int? port = null, string? script = null)
    {
        var listenPort = port ?? FreePorts.Next();
        var dataPath = Path.Combine(Path.GetTempPath(), "ipfskit-host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataPath);
        var start = ChildProcess.StartInfo(script is null ? "dotnet" : "sh", [script ?? HostPath, .. arguments ?? []]);
        foreach (var key in start.Environment.Keys.Where(k => Stripped.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
        {
            start.Environment.Remove(key);
        }

        if (script is not null)
        {
            start.Environment["IPFS_KIT_HOME"] = Path.GetDirectoryName(HostPath);
        }

        start.Environment["IPFS_PATH"] = dataPath;
        start.Environment["IPFS_KIT_ROLE"] = "master";
        start.Environment["IPFS_KIT_API_HOST"] = "127.0.0.1";
        start.Environment["IPFS_KIT_API_PORT"] = listenPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var freeGatewayPort = FreePorts.Next();
        while (freeGatewayPort == listenPort)
        {
            freeGatewayPort = FreePorts.Next();
        }

        start.Environment["IPFS_KIT_GATEWAY_PORT"] = freeGatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture); // never the default 8080 shared by all
        if (token is not null)
        {
            start.Environment["IPFS_KIT_API_TOKEN"] = token;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = ChildProcess.Start(start);
        var gatewayPort = int.TryParse(start.Environment["IPFS_KIT_GATEWAY_PORT"], out var parsed) ? parsed : 0;
        var host = new HostProcess(process, listenPort, gatewayPort, dataPath);
        if (token is not null)
        {
            host.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return host;
    }

    /// <summary>Starts the host and waits until /ready answers 200.</summary>
    public static async Task<HostProcess> StartReadyAsync(string? token = null, IReadOnlyDictionary<string, string>? extra = null, string[]? arguments = null, int? port = null, string? script = null)
    {
        var host = Start(token, extra, arguments, port, script);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"host exited with {host.ExitCode}: {host.Output}");
            }

            try
            {
                using var response = await host.Client.GetAsync(new Uri("ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        await host.DisposeAsync();
        throw new TimeoutException("host not ready within 60 s: " + host.Output);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Gateway.Dispose();
        await ChildProcess.KillAsync(_process);
        _process.Dispose();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    /// <summary>Stops the process as Kubernetes and Docker do (SIGTERM: a clean stop) and waits for it to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    /// <summary>Kills the process at once (no graceful stop: a crash, a pulled plug).</summary>
    public Task KillAsync() => ChildProcess.KillAsync(_process);

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
