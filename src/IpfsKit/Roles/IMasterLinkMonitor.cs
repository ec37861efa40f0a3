namespace IpfsKit.Roles;

/// <summary>
/// The state of a worker's or leecher's link to its master, kept by the role's agent as it calls the master: resolve it
/// from DI after <c>UseRole(NodeRole.Worker)</c> or <c>UseRole(NodeRole.Leecher)</c> (for health checks and readiness).
/// Thread-safe.
/// </summary>
public interface IMasterLinkMonitor
{
    /// <summary>Gets the latest state; each read returns an immutable snapshot.</summary>
    MasterLinkStatus Current { get; }
}
