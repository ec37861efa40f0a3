using System.Diagnostics;
using System.Reflection;
using IpfsKit.Tests.Processes;

namespace IpfsKit.Tests.Roles;

/// <summary>
/// The outbox writer child process (tests/IpfsKit.Roles.OutboxWriter), run by the durability tests and killed at random
/// points. Shared by IpfsKit.Tests and IpfsKit.Node.Tests (linked), each stamping the writer's path.
/// </summary>
internal static class OutboxWriterProcess
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(120);

    public static string Path { get; } = typeof(OutboxWriterProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "OutboxWriterPath").Value!;

    /// <summary>
    /// Runs the writer; when <paramref name="killAfter"/> is set, kills it (whole tree) as soon as it has printed that many
    /// operation lines and <paramref name="jitterMilliseconds"/> more have passed, wherever it is then. Returns the
    /// complete operation lines it printed.
    /// </summary>
    public static async Task<(List<string> Lines, bool Killed)> RunAsync(string[] arguments, int? killAfter, int jitterMilliseconds)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var lines = new List<string>();
        var finished = false;
        var reachedKillPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = child.StandardError.ReadToEndAsync();
        var stdout = ChildOutput.ReadLinesAsync(child.StandardOutput, line =>
        {
            if (line == "done")
            {
                finished = true;
            }
            else if (line != "ready")
            {
                lines.Add(line);
                if (lines.Count == killAfter)
                {
                    reachedKillPoint.TrySetResult();
                }
            }
        });

        var killed = false;
        try
        {
            var first = await Task.WhenAny(reachedKillPoint.Task, child.WaitForExitAsync(), Task.Delay(RoundTimeout));
            if (first == reachedKillPoint.Task)
            {
                if (jitterMilliseconds > 0)
                {
                    await Task.Delay(jitterMilliseconds);
                }

                child.Kill(entireProcessTree: true);
                killed = true;
            }
            else if (!child.HasExited)
            {
                throw new TimeoutException("the outbox writer did not finish a round in time");
            }
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }

            await child.WaitForExitAsync();
        }

        await stdout;
        if (!killed && (!finished || child.ExitCode != 0))
        {
            throw new InvalidOperationException($"the outbox writer failed ({child.ExitCode}): {await stderr}");
        }

        return (lines, killed);
    }
}
