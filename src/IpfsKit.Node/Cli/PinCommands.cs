using System.CommandLine;
using System.Net;
using IpfsKit.Errors;
using IpfsKit.Transports;

namespace IpfsKit.Node.Cli;

/// <summary><c>pin add</c>, <c>pin rm</c>, <c>pin ls</c>.</summary>
internal static class PinCommands
{
    public static Command Create(CliOptions options)
    {
        return new Command("pin", "Pin, unpin and list pins") { Add(options), Remove(options), List(options) };
    }

    private static Command Add(CliOptions options)
    {
        var cid = CliOptions.CidArgument("The root to pin");
        var direct = new Option<bool>("--direct") { Description = "Pin only the block, not the DAG below it" };
        var policy = new PinPolicyOptions();
        var command = new Command("add", "Pin a DAG (recursively unless --direct); on a master, with a cluster policy") { cid, direct };
        policy.AddTo(command);
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, async context =>
        {
            var mode = result.GetValue(direct) ? PinMode.Direct : PinMode.Recursive;
            if (policy.Read(result, mode) is { } query)
            {
                using var response = await context.Node.SendAsync(HttpMethod.Post, $"api/v0/pin/add?arg={result.GetValue(cid)}&recursive={(mode == PinMode.Recursive ? "true" : "false")}{query}", null, allowNotFound: false, ct).ConfigureAwait(false);
            }
            else
            {
                await context.Node.Kubo.PinAsync(result.GetValue(cid), mode, ct).ConfigureAwait(false);
            }

            await context.Out.WriteLineAsync($"pinned {result.GetValue(cid)} {(mode == PinMode.Direct ? "directly" : "recursively")}").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command Remove(CliOptions options)
    {
        var cid = CliOptions.CidArgument("The root to unpin");
        var command = new Command("rm", "Remove a recursive pin") { cid };
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, async context =>
        {
            try
            {
                await context.Node.Kubo.UnpinAsync(result.GetValue(cid), PinMode.Recursive, ct).ConfigureAwait(false);
            }
            catch (IpfsKitRemoteException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                throw new CliException($"the node at {context.Node.NodeUrl} does not serve /api/v0/pin/rm", e);
            }

            await context.Out.WriteLineAsync($"unpinned {result.GetValue(cid)}").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command List(CliOptions options)
    {
        var type = new Option<string>("--type", "-t")
        {
            Description = "recursive, direct, indirect or all",
            DefaultValueFactory = _ => "all",
        };
        type.AcceptOnlyFromAmong("all", "recursive", "direct", "indirect");
        var command = new Command("ls", "List pins as '<cid> <type>'") { type };
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, async context =>
        {
            PinMode? mode = result.GetValue(type) switch
            {
                "recursive" => PinMode.Recursive,
                "direct" => PinMode.Direct,
                "indirect" => PinMode.Indirect,
                _ => null,
            };
            await foreach (var entry in context.Node.Kubo.ListPinsAsync(mode, ct).ConfigureAwait(false))
            {
                await context.Out.WriteLineAsync($"{entry.Cid} {entry.Mode.ToString().ToLowerInvariant()}").ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }
}
