namespace IpfsKit.Deployment.Tests;

/// <summary>What the deployment files must agree on with the host (NodeSettings is the source of truth).</summary>
internal static class HostContract
{
    /// <summary>Variables in the host's namespace: they must be ones it reads.</summary>
    public static bool IsHostVariable(string name) =>
        name.StartsWith("IPFS_", StringComparison.Ordinal) || name.StartsWith("MASTER_", StringComparison.Ordinal) || name.StartsWith("MAX_", StringComparison.Ordinal);
}
