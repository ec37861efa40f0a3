using System.CommandLine;
using System.Globalization;

namespace IpfsKit.Node.Cli;

/// <summary><c>outbox ls</c> and <c>outbox retry</c>: a leecher's queued and parked operations.</summary>
internal static class OutboxCommands
{
    public static Command Create(CliOptions options)
    {
        return new Command("outbox", "A leecher's queue of operations for the master") { List(options), Retry(options) };
    }

    private static Command List(CliOptions options)
    {
        var command = new Command("ls", "Print how many operations wait, and each parked one as '<key> <kind> <cid|topic> <parked at>: <reason>'");
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, async context =>
        {
            using var json = await context.Node.SendForJsonAsync(HttpMethod.Post, "api/v0/outbox/ls", allowNotFound: false, ct).ConfigureAwait(false);
            var root = json.RootElement;
            var parked = root.GetProperty("Parked");
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{root.GetProperty("Queued").GetInt32()} queued, {parked.GetArrayLength()} parked")).ConfigureAwait(false);
            foreach (var entry in parked.EnumerateArray())
            {
                var what = entry.GetProperty("Cid").GetString() ?? entry.GetProperty("Topic").GetString() ?? "-";
                var at = entry.GetProperty("ParkedAt").GetDateTimeOffset().ToString("u", CultureInfo.InvariantCulture);
                await context.Out.WriteLineAsync(
                    $"{entry.GetProperty("Key").GetString()} {entry.GetProperty("Kind").GetString()} {what} {at}: {entry.GetProperty("Reason").GetString()}").ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    private static Command Retry(CliOptions options)
    {
        var keys = new Argument<string[]>("key") { Description = "Keys of parked operations (from outbox ls)", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Requeue every parked operation" };
        var command = new Command("retry", "Requeue parked operations, once what made the master refuse them is mended") { keys, all };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(keys) is { Length: > 0 }) == r.GetValue(all))
            {
                r.AddError("give the keys of parked operations or --all");
            }
        });
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, async context =>
        {
            var query = result.GetValue(all)
                ? "all=true"
                : string.Join("&", result.GetValue(keys)!.Select(k => "arg=" + Uri.EscapeDataString(k)));
            using var json = await context.Node.SendForJsonAsync(HttpMethod.Post, "api/v0/outbox/retry?" + query, allowNotFound: false, ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"requeued {json.RootElement.GetProperty("Requeued").GetInt32()}")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
