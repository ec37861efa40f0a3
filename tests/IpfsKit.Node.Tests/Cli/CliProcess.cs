using System.Diagnostics;

namespace IpfsKit.Node.Tests.Cli;

/// <summary>Runs the CLI (the host's own dll with a command) as a child process with redirected output.</summary>
internal static class CliProcess
{
    /// <summary>A start description without the caller's IPFS_* variables (a developer's own settings must not leak in).</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        var start = ChildProcess.StartInfo(fileName, arguments);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("IPFS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        return start;
    }

    /// <summary>Runs <c>dotnet IpfsKit.Node.dll args…</c>.</summary>
    public static Task<ChildProcessResult> RunAsync(params string[] args) => RunAsync(StartInfo("dotnet", [HostProcess.HostPath, .. args]));

    public static Task<ChildProcessResult> RunAsync(ProcessStartInfo start) => ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));

    /// <summary>The arguments that point a command at <paramref name="host"/>.</summary>
    public static string[] At(HostProcess host, string? token) => token is null
        ? ["--node", $"http://127.0.0.1:{host.Port}/"]
        : ["--node", $"http://127.0.0.1:{host.Port}/", "--token", token];

    public static string TempFile(int bytes, int seed)
    {
        var path = Path.Combine(Path.GetTempPath(), "ipfskit-cli-" + Guid.NewGuid().ToString("N") + ".bin");
        var data = new byte[bytes];
        new Random(seed).NextBytes(data);
        File.WriteAllBytes(path, data);
        return path;
    }
}
