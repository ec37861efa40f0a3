using System.Diagnostics;
using IpfsKit.Testing.Processes;

namespace IpfsKit.Testing.Roles;

/// <summary>
/// The outbox writer child process (tests/IpfsKit.Roles.OutboxWriter), run by the durability tests and killed at random
/// points. Used by IpfsKit.Tests and IpfsKit.Node.Tests, each stamping the writer's path (<see cref="StampedPath"/>).
/// </summary>
public static class OutboxWriterProcess
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(120);

    public static string Path { get; } = StampedPath.Of("OutboxWriterPath");

    /// <summary>
    /// Runs the writer; when <paramref name="killAfter"/> is set, kills it (whole tree) as soon as it has printed that many
    /// operation lines and <paramref name="jitterMilliseconds"/> more have passed, wherever it is then. Returns the
    /// complete operation lines it printed.
    /// </summary>
    public static async Task<(List<string> Lines, bool Killed)> RunAsync(string[] arguments, int? killAfter, int jitterMilliseconds)
    {
        using var child = ChildProcess.Start(ChildProcess.StartInfo("dotnet", [Path, .. arguments]));
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

                await ChildProcess.KillAsync(child);
                killed = true;
            }
            else if (!child.HasExited)
            {
                throw new TimeoutException("the outbox writer did not finish a round in time");
            }
        }
        finally
        {
            await ChildProcess.KillAsync(child);
        }

        await stdout;
        if (!killed && (!finished || child.ExitCode != 0))
        {
            throw new InvalidOperationException($"the outbox writer failed ({child.ExitCode}): {await stderr}");
        }

        return (lines, killed);
    }
}
