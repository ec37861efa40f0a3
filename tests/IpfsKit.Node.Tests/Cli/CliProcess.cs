using System.Diagnostics;
using System.Text;

namespace IpfsKit.Node.Tests.Cli;

/// <summary>Runs the CLI (the host's own dll with a command) as a child process with redirected output.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, byte[] StandardOutputBytes, string StandardError)
    {
        public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);
    }

    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("IPFS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        return start;
    }

    /// <summary>Runs <c>dotnet IpfsKit.Node.dll args…</c>.</summary>
    public static Task<Result> RunAsync(params string[] args) => RunAsync(StartInfo("dotnet", [HostProcess.HostPath, .. args]));

    public static async Task<Result> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        using var output = new MemoryStream();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(output);
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', start.ArgumentList)}' did not finish in 2 minutes: {await stderr}");
        }

        await stdout;
        return new Result(process.ExitCode, output.ToArray(), await stderr);
    }

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
