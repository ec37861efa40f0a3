namespace IpfsKit.Roles.Coordination;

/// <summary>What the master thinks of a worker.</summary>
public enum WorkerState
{
    /// <summary>Heartbeats arrive; the worker can be given ranges.</summary>
    Alive,

    /// <summary>Missed more heartbeats than allowed; its ranges were (or are being) repaired onto the others.</summary>
    Dead,

    /// <summary>Left in good order: decommissioned (drained), or a restarting worker whose grace ran out is dead instead.</summary>
    Left,

    /// <summary>
    /// Stopped for a restart (its leave said so): for <see cref="RolesOptions.AwayGrace"/> nothing is repaired, topped up
    /// or rebalanced away from it and its placements stay in the plans; it is alive again when it joins within the
    /// grace, dead (and repaired) after it.
    /// </summary>
    Away,

    /// <summary>
    /// Being decommissioned (<c>ipfs-kit worker drain</c>): it still beats and serves reads, takes no new ranges, and its
    /// ranges are repaired onto the others; once no plan names it, it is left.
    /// </summary>
    Draining,
}
