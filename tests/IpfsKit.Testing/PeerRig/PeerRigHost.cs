using IpfsKit.Testing.Processes;

namespace IpfsKit.Testing.PeerRig;

/// <summary>Where the peer rig lives and which loopback ports its daemons can take (shared by every peer fixture).</summary>
public static class PeerRigHost
{
    /// <summary>The repository root (the folder holding IpfsKit.sln) above the test binaries.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpfsKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"IpfsKit.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The ports this process has given to a rig (never reused while it runs).</summary>
    private static readonly HashSet<int> Given = [];

    /// <summary>
    /// A base port for <paramref name="count"/> daemons (start-peers.sh gives peer i the ports BASE+i, +1000, +2000, +3000)
    /// whose ports are all free now and not given to another rig of this process, picked at random from
    /// <paramref name="firstBase"/> in steps of 100. (Rigs of parallel test collections start at the same time: a port
    /// free when one picks may be about to be bound by another, so this process's picks are remembered.)
    /// </summary>
    public static int FindFreeBasePort(int count, int firstBase = 20_000)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var basePort = firstBase + (Random.Shared.Next(0, 80) * 100);
            var ports = Enumerable.Range(0, count).SelectMany(i => new[] { basePort + i, basePort + 1000 + i, basePort + 2000 + i, basePort + 3000 + i }).ToList();
            lock (Given)
            {
                if (ports.All(p => !Given.Contains(p) && FreePorts.IsFree(p)))
                {
                    Given.UnionWith(ports);
                    return basePort;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback ports from {firstBase} for the IPFS test peers.");
    }
}
