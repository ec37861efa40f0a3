namespace IpfsKit.Roles;

/// <summary>The part a node host plays in a deployment (IPFS_KIT_ROLE, <c>--role</c>).</summary>
public enum NodeRole
{
    /// <summary>Owns the topology and the pinset. The default.</summary>
    Master,

    /// <summary>Joins a master (MASTER_NODE) and stores what it is allocated.</summary>
    Worker,

    /// <summary>Reads through a small cache and never pins for others.</summary>
    Leecher,
}
