namespace IpfsKit.Roles.Worker;

/// <summary>Where a worker is in its decommission (<c>ipfs-kit worker drain</c>).</summary>
public enum WorkerDrainState
{
    /// <summary>Not draining: a clean stop is a restart (the master keeps its placements for the away grace).</summary>
    Serving,

    /// <summary>The master hands its ranges to the others; it still serves reads, and is not ready for new work.</summary>
    Draining,

    /// <summary>No plan names it any more and it has left the master: it stops without a leave and never joins again.</summary>
    Drained,
}
