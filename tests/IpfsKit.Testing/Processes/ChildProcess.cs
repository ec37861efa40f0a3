using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace IpfsKit.Testing.Processes;

/// <summary>
/// The one child-process harness of the tests: start a program with redirected output, run it to its end within a
/// time limit (killing its whole tree when it overruns), kill a process or a process group (a crash, a pulled plug).
/// </summary>
public static class ChildProcess
{
    /// <summary>A start description with standard output and error redirected and no shell.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Starts <paramref name="start"/>, saying which program could not start (not on PATH) when it cannot.</summary>
    public static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{start.FileName}'.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start '{start.FileName}' (is it on PATH?): {e.Message}", e);
        }
    }

    /// <summary>
    /// Runs the program to its end and collects its output; after <paramref name="timeout"/> kills its whole tree and
    /// throws <see cref="TimeoutException"/> with what it wrote to standard error.
    /// </summary>
    public static async Task<ChildProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Start(start);
        if (start.RedirectStandardInput)
        {
            process.StandardInput.Close();
        }

        using var output = new MemoryStream();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(output);
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process);
            throw new TimeoutException($"'{start.FileName} {string.Join(' ', start.ArgumentList)}' did not finish within {timeout}: {await stderr}");
        }

        await stdout;
        return new ChildProcessResult(process.ExitCode, output.ToArray(), await stderr);
    }

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> to its end.</summary>
    public static Task<ChildProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout) =>
        RunAsync(StartInfo(fileName, arguments, workingDirectory), timeout);

    /// <summary>Kills the process and every child of it at once (no graceful stop) and waits until it has exited.</summary>
    public static async Task KillAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>Sends SIGKILL to the process group <paramref name="groupId"/> (<c>kill -9 -- -PGID</c>), as a daemon started with <c>setsid</c> needs.</summary>
    public static async Task KillGroupAsync(int groupId)
    {
        var result = await RunAsync("kill", ["-9", "--", "-" + groupId.ToString(CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(10));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -9 -- -{groupId} exited with {result.ExitCode}: {result.StandardError}");
        }
    }
}
