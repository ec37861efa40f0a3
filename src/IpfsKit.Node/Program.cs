using System.Collections;
using IpfsKit.Node.Cli;
using IpfsKit.Node.Internal;

namespace IpfsKit.Node;

/// <summary>The <c>ipfs-kit</c> entry point.</summary>
public static class Program
{
    /// <summary>Exit code for invalid configuration.</summary>
    public const int ConfigurationErrorExitCode = 2;

    /// <summary>
    /// Runs a client command (<c>ipfs-kit add|cat|pin|status|peers|shard|backup …</c>) against a running node, or, without
    /// one, runs the node host until it is stopped.
    /// </summary>
    /// <param name="args">Command-line arguments (see <c>ipfs-kit --help</c> and <see cref="NodeSettings.Usage"/>).</param>
    /// <returns>
    /// Host: 0 on a clean stop, 2 on invalid configuration, 1 on a start-up failure. Client command: 0 on success, 1 on
    /// a runtime failure, 2 on a usage error.
    /// </returns>
    public static async Task<int> Main(string[] args)
    {
        var environment = (IDictionary)Environment.GetEnvironmentVariables();
        if (CliApp.IsCliInvocation(args))
        {
            return await CliApp.RunAsync(args, environment).ConfigureAwait(false);
        }

        NodeSettings settings;
        try
        {
            settings = NodeSettings.FromEnvironment(environment, args);
        }
        catch (NodeSettingsException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ConfigurationErrorExitCode;
        }

        if (settings.ShowHelp)
        {
            await Console.Out.WriteLineAsync(CliApp.HelpText(environment)).ConfigureAwait(false);
            return 0;
        }

        try
        {
            var app = NodeApplication.Build(settings);
            await using (app.ConfigureAwait(false))
            {
                await app.RunAsync().ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception e) when (e is Microsoft.Extensions.Options.OptionsValidationException or NodeSettingsException)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ConfigurationErrorExitCode;
        }
        catch (IOException e)
        {
            // Typically the port is taken (Kestrel's AddressInUseException is an IOException).
            await Console.Error.WriteLineAsync($"IPFS_KIT_API_HOST/IPFS_KIT_API_PORT: cannot listen on {settings.ApiHost}:{settings.ApiPort}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
