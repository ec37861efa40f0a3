using System.CommandLine;

namespace IpfsKit.Node.Cli;

/// <summary><c>worker drain</c>: decommission a worker (hand its ranges to the others, then leave) before removing it for good.</summary>
internal static class WorkerCommands
{
    /// <summary>How often <c>worker drain</c> asks whether the drain is done.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create(CliOptions options)
    {
        return new Command("worker", "A worker's membership in its cluster") { Drain(options) };
    }

    private static Command Drain(CliOptions options)
    {
        var noWait = new Option<bool>("--no-wait") { Description = "Start the drain and return; run again to see where it is" };
        var command = new Command(
            "drain",
            "Decommission this worker: its master moves its ranges to the others while it still serves reads, then it leaves (readiness is false from the start); waits until it is drained")
        {
            noWait,
        };
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, async context =>
        {
            var reported = "";
            while (true)
            {
                var state = await DrainStateAsync(context, ct).ConfigureAwait(false);
                if (state != reported)
                {
                    await context.Out.WriteLineAsync(state == "Drained"
                        ? "drained: the worker's ranges are on the others and it has left its master; it can be removed"
                        : "draining: the master is moving this worker's ranges to the others").ConfigureAwait(false);
                    reported = state;
                }

                if (state == "Drained" || result.GetValue(noWait))
                {
                    return 0;
                }

                await Task.Delay(PollInterval, context.Time, ct).ConfigureAwait(false);
            }
        }));
        return command;
    }

    private static async Task<string> DrainStateAsync(CliContext context, CancellationToken cancellationToken)
    {
        using var json = await context.Node.SendForJsonAsync(HttpMethod.Post, "api/v0/worker/drain", allowNotFound: false, cancellationToken).ConfigureAwait(false);
        return json.RootElement.GetProperty("State").GetString() ?? throw new CliException("the node answered a drain without a state");
    }
}
