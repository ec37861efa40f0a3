using System.Reflection;

namespace IpfsKit.Node.Cli;

/// <summary>
/// <c>ipfs-kit --version</c>: the package version, from one source, the assembly's informational version (the build's
/// <c>Version</c>), without its <c>+commit</c> metadata.
/// </summary>
internal static class CliVersion
{
    /// <summary>The option's name.</summary>
    public const string Option = "--version";

    /// <summary>Gets the package version, such as <c>1.0.0</c> or <c>1.1.0-preview.2</c>.</summary>
    public static string Package { get; } =
        (typeof(CliVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The line printed, as <c>ipfs --version</c> prints <c>ipfs version 0.29.0</c>.</summary>
    public static string Line => "ipfs-kit version " + Package;
}
