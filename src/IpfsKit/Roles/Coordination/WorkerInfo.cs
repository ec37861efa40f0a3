namespace IpfsKit.Roles.Coordination;

/// <summary>The master's record of a worker.</summary>
/// <param name="WorkerId">The worker's id.</param>
/// <param name="ApiUrl">Where the master reaches it.</param>
/// <param name="Zone">Its failure domain, or <see langword="null"/>.</param>
/// <param name="CapacityBytes">Its storage budget, as last reported.</param>
/// <param name="FreeBytes">Its free bytes, as last reported.</param>
/// <param name="PinCount">Its pin count, as last reported.</param>
/// <param name="State">Alive, dead or left.</param>
/// <param name="JoinedAt">When it (last) joined.</param>
/// <param name="LastHeartbeat">When its last heartbeat (or join) arrived.</param>
public sealed record WorkerInfo(
    string WorkerId,
    Uri ApiUrl,
    string? Zone,
    long CapacityBytes,
    long FreeBytes,
    int PinCount,
    WorkerState State,
    DateTimeOffset JoinedAt,
    DateTimeOffset LastHeartbeat)
{
    /// <summary>Gets the tags the worker joined with (pins may require or prefer them).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets what the member is: a worker, or the master of a sub-cluster (its capacity and free bytes are its members' sums).</summary>
    public MemberKind Kind { get; init; }

    /// <summary>Gets, for a sub-cluster's master, how many alive members it reported last.</summary>
    public int Members { get; init; }
}
