namespace IpfsKit.Deployment.Tests;

/// <summary>What the deployment files must agree on with the host (NodeSettings is the source of truth).</summary>
internal static class HostContract
{
    /// <summary>The roles, lower-case, from the host's <see cref="IpfsKit.Roles.NodeRole"/>.</summary>
    public static IReadOnlyList<string> Roles { get; } = [.. Enum.GetNames<IpfsKit.Roles.NodeRole>().Select(static n => n.ToLowerInvariant())];

    /// <summary>Variables in the host's namespace: they must be ones it reads.</summary>
    public static bool IsHostVariable(string name) =>
        name.StartsWith("IPFS_", StringComparison.Ordinal) || name.StartsWith("MASTER_", StringComparison.Ordinal) || name.StartsWith("MAX_", StringComparison.Ordinal);
}
