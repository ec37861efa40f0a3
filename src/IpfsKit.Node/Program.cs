using System.Collections;
using IpfsKit.Errors;
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

        WebApplication app;
        try
        {
            app = NodeApplication.Build(settings);
        }
        catch (InvalidDataException e)
        {
            return await FailAsync(StartupErrors.DescribeUnreadableFile(e, settings.ConfigFile), ConfigurationErrorExitCode).ConfigureAwait(false);
        }
        catch (NodeSettingsException e)
        {
            // A host setting of IPFS_KIT_CONFIG_FILE (e.g. IpfsKitHost:RequestBodyIdleTimeout) is invalid.
            return await FailAsync(e.Message, ConfigurationErrorExitCode).ConfigureAwait(false);
        }

        await using (app.ConfigureAwait(false))
        {
            Readiness? readiness = null;
            try
            {
                StartupErrors.BindOptions(app, settings.ConfigFile);
                readiness = app.Services.GetRequiredService<Readiness>(); // now: RunAsync disposes the services
                await app.RunAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is NodeSettingsException or Microsoft.Extensions.Options.OptionsValidationException)
            {
                return await FailAsync(e.Message, ConfigurationErrorExitCode).ConfigureAwait(false);
            }
            catch (IpfsKitStorageException e)
            {
                // The storage folder failed the library's check at start (a file in the way, not writable).
                return await FailAsync($"the node failed to start: {e.Message}", 1).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (readiness?.Error is not null)
            {
                // The storage failed to open while the web host was still starting: Readiness stopped it mid-start,
                // which cancels the start. Reported below like a failure after the start.
            }
            catch (IpfsKitRemoteException e)
            {
                // A configured remote (a Kubo worker of IPFS_KIT_KUBO_WORKERS) answered at start as no Kubo API does.
                return await FailAsync($"the node failed to start: {e.Message}", 1).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                // The port is taken (Kestrel's AddressInUseException is an IOException) or the address is not this machine's;
                // Kestrel's message names the address, which tells the API's binding from the gateway's.
                var (hostVariable, host, port) = settings.GatewayPort != 0 && System.Text.RegularExpressions.Regex.IsMatch(e.Message, $@":{settings.GatewayPort}(?!\d)")
                    ? ("IPFS_KIT_GATEWAY_HOST/IPFS_KIT_GATEWAY_PORT", settings.GatewayHost, settings.GatewayPort)
                    : ("IPFS_KIT_API_HOST/IPFS_KIT_API_PORT", settings.ApiHost, settings.ApiPort);
                return await FailAsync($"{hostVariable}: cannot listen on {host}:{port}: {e.Message}", 1).ConfigureAwait(false);
            }

            // The storage or transport failed to open after the web host started: Readiness stopped the host.
            if (readiness?.Error is { } error)
            {
                return await FailAsync($"the node failed to start: {error}", 1).ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static async Task<int> FailAsync(string message, int exitCode)
    {
        await Console.Error.WriteLineAsync(message.ReplaceLineEndings(" ")).ConfigureAwait(false);
        return exitCode;
    }
}
