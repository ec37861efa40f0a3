using System.CommandLine;
using System.Globalization;

namespace IpfsKit.Node.Cli;

/// <summary><c>repo gc</c>.</summary>
internal static class RepoCommands
{
    public static Command Create(CliOptions options)
    {
        return new Command("repo", "Manage the node's repository") { Gc(options) };
    }

    private static Command Gc(CliOptions options)
    {
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the CIDs of the removed blocks" };
        var command = new Command("gc", "Delete the blocks no pin holds (as ipfs repo gc); print each removed block") { quiet };
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, async context =>
        {
            var count = 0;
            await foreach (var cid in context.Node.Kubo.CollectGarbageAsync(ct).ConfigureAwait(false))
            {
                count++;
                await context.Out.WriteLineAsync(result.GetValue(quiet) ? cid.ToString() : $"removed {cid}").ConfigureAwait(false);
            }

            if (!result.GetValue(quiet))
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{count} blocks removed")).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }
}
