using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Options;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Turns what goes wrong while the host is built and started into one line naming the problem: the file and JSON line
/// of unreadable configuration, the key and source of a value that does not bind.
/// </summary>
internal static partial class StartupErrors
{
    /// <summary>Describes a configuration file that could not be loaded (syntax, duplicate keys, unreadable).</summary>
    /// <param name="exception">What the configuration provider threw.</param>
    /// <param name="configFile">IPFS_KIT_CONFIG_FILE, or <see langword="null"/>.</param>
    public static string DescribeUnreadableFile(InvalidDataException exception, string? configFile)
    {
        var file = configFile is not null && exception.Message.Contains($"'{configFile}'", StringComparison.Ordinal)
            ? $"IPFS_KIT_CONFIG_FILE: '{configFile}'"
            : exception.Message.TrimEnd('.'); // appsettings.json: "Failed to load configuration from file '…'"
        var json = Find<JsonException>(exception);
        var where = json?.LineNumber is { } line ? $" line {line + 1}, byte {json.BytePositionInLine + 1}" : "";
        var reason = Innermost(exception).Message;
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal) is >= 0 and var p ? p : reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return OneLine($"{file}{where}: {(cut >= 0 ? reason[..cut] : reason)}");
    }

    /// <summary>
    /// Binds and validates the <c>IpfsKit</c> options now, so that a value which does not convert (e.g.
    /// <c>"MaxMemory": "lots"</c>) is a configuration error before start instead of a crash during it.
    /// </summary>
    /// <exception cref="NodeSettingsException">A value does not bind; the message names the key, the value's source and why.</exception>
    /// <exception cref="OptionsValidationException">The bound options are invalid.</exception>
    /// <param name="app">The built application.</param>
    /// <param name="configFile">IPFS_KIT_CONFIG_FILE, or <see langword="null"/>.</param>
    public static void BindOptions(WebApplication app, string? configFile)
    {
        try
        {
            _ = app.Services.GetRequiredService<IOptions<IpfsKitOptions>>().Value;
        }
        catch (InvalidOperationException e) when (BindingKey().Match(e.Message) is { Success: true } match)
        {
            var key = match.Groups[1].Value;
            throw new NodeSettingsException(OneLine($"{SourceOf(app.Configuration, key, configFile)}: {key}: {Innermost(e).Message}"), e);
        }
    }

    /// <summary>Says which configuration source set <paramref name="key"/> (the last one that has it wins).</summary>
    private static string SourceOf(IConfiguration configuration, string key, string? configFile)
    {
        var provider = ((IConfigurationRoot)configuration).Providers.LastOrDefault(p => p.TryGet(key, out _));
        return provider switch
        {
            FileConfigurationProvider file when file.Source.FileProvider?.GetFileInfo(file.Source.Path ?? "").PhysicalPath is { } path =>
                path == configFile ? $"IPFS_KIT_CONFIG_FILE: '{path}'" : $"'{path}'",
            EnvironmentVariablesConfigurationProvider => $"the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}",
            _ => "the configuration",
        };
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    [GeneratedRegex("^Failed to convert configuration value .* at '([^']+)'")]
    private static partial Regex BindingKey();
}
