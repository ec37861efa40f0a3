using System.Collections;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Text;
using IpfsKit.Errors;

namespace IpfsKit.Node.Cli;

/// <summary>
/// The <c>ipfs-kit</c> client commands (System.CommandLine). Without a command <c>ipfs-kit</c> runs the node host
/// (see <see cref="Program"/>); with one it talks to a running node over HTTP.
/// </summary>
/// <remarks>Exit codes: 0 success, 1 runtime failure (one line on stderr naming what failed), 2 usage error.</remarks>
internal static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary>The client commands' names, read from the command tree itself so a new command is never missed.</summary>
    private static readonly Lazy<HashSet<string>> CommandNames = new(() =>
        [.. Build(new CliOptions(new Dictionary<string, string>())).Subcommands.Select(c => c.Name)]);

    /// <summary>Gets whether the arguments name a client command (skipping <c>--node</c>/<c>--token</c> and their values).</summary>
    public static bool IsCliInvocation(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--node" or "--token")
            {
                i++;
                continue;
            }

            return args[i] == CliVersion.Option || CommandNames.Value.Contains(args[i]);
        }

        return false;
    }

    /// <summary>Builds the command tree.</summary>
    public static Command Build(CliOptions options)
    {
        var root = new Command("ipfs-kit", "The IpfsKit node host and its command-line client")
        {
            options.Node,
            options.Token,
            new HelpOption { Recursive = true },
        };
        root.Subcommands.Add(ContentCommands.Add(options));
        root.Subcommands.Add(ContentCommands.Cat(options));
        root.Subcommands.Add(PinCommands.Create(options));
        root.Subcommands.Add(NodeCommands.Status(options));
        root.Subcommands.Add(NodeCommands.Peers(options));
        root.Subcommands.Add(RepoCommands.Create(options));
        root.Subcommands.Add(ShardCommands.Create(options));
        root.Subcommands.Add(BackupCommands.Create(options));
        root.Subcommands.Add(OutboxCommands.Create(options));
        root.Subcommands.Add(WorkerCommands.Create(options));
        return root;
    }

    /// <summary>Parses and runs a client command.</summary>
    public static async Task<int> RunAsync(string[] args, IDictionary environment)
    {
        if (args is [CliVersion.Option])
        {
            await Console.Out.WriteLineAsync(CliVersion.Line).ConfigureAwait(false);
            return Success;
        }

        var root = Build(new CliOptions(environment));
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync($"ipfs-kit: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run 'ipfs-kit --help' for usage.").ConfigureAwait(false);
            return UsageError;
        }

        return await result.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
    }

    /// <summary>Runs a command's body against the node, turning failures into one stderr line and exit code 1.</summary>
    public static async Task<int> RunAsync(CliOptions options, ParseResult result, Func<CliContext, Task<int>> body)
    {
        var name = CommandPath(result);
        using var context = options.CreateContext(result);
        try
        {
            return await body(context).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await context.Error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
        }
        catch (IpfsKitRemoteException e) when (e.StatusCode is null)
        {
            await context.Error.WriteLineAsync($"{name}: cannot reach the node at {context.Node.NodeUrl}: {e.InnerException?.Message ?? e.Message}").ConfigureAwait(false);
        }
        catch (IpfsKitException e)
        {
            await context.Error.WriteLineAsync($"{name}: {OneLine(e.Message)}").ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            await context.Error.WriteLineAsync($"{name}: cannot reach the node at {context.Node.NodeUrl}: {e.Message}").ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"{name}: {OneLine(e.Message)}").ConfigureAwait(false);
        }

        return Failure;
    }

    /// <summary>The text of <c>ipfs-kit --help</c>: the client commands, then the node host's usage.</summary>
    public static string HelpText(IDictionary environment)
    {
        var options = new CliOptions(environment);
        var text = new StringBuilder()
            .AppendLine("Usage: ipfs-kit <command> [arguments] [--node URL] [--token TOKEN]")
            .AppendLine("       ipfs-kit [--role ...] [--master URL] [--api]     (no command: run the node host, below)")
            .AppendLine()
            .AppendLine("Commands (talk to a running node over HTTP):");
        var lines = new List<(string Usage, string Description)>();
        Collect(Build(options), "", lines);
        var width = lines.Max(l => l.Usage.Length) + 2;
        foreach (var (usage, description) in lines)
        {
            text.Append("  ").Append(usage.PadRight(width)).AppendLine(description);
        }

        return text
            .AppendLine()
            .AppendLine("Client options:")
            .AppendLine($"  --node URL       the node's API; default http://IPFS_KIT_API_HOST:IPFS_KIT_API_PORT/ (here {options.DefaultNodeUrl})")
            .AppendLine("  --token TOKEN    the bearer secret; default IPFS_KIT_API_TOKEN")
            .AppendLine("  --help           print this text, or a command's options (ipfs-kit COMMAND --help)")
            .AppendLine("  --version        print the package version (ipfs-kit version X.Y.Z)")
            .AppendLine("Exit codes: 0 success, 1 failure (node unreachable, not found, ...; one line on stderr), 2 usage error.")
            .AppendLine()
            .AppendLine("Node host:")
            .Append(NodeSettings.Usage)
            .ToString();
    }

    private static void Collect(Command command, string prefix, List<(string Usage, string Description)> lines)
    {
        foreach (var sub in command.Subcommands)
        {
            var path = prefix.Length == 0 ? sub.Name : prefix + " " + sub.Name;
            if (sub.Subcommands.Count > 0)
            {
                Collect(sub, path, lines);
                continue;
            }

            var usage = new StringBuilder(path);
            foreach (var argument in sub.Arguments)
            {
                usage.Append(' ').Append(argument.Name.ToUpperInvariant());
            }

            foreach (var option in sub.Options)
            {
                usage.Append(" [").Append(option.Name).Append(']');
            }

            lines.Add((usage.ToString(), sub.Description ?? ""));
        }
    }

    private static string CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (SymbolResult? symbol = result.CommandResult; symbol is CommandResult command; symbol = command.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
