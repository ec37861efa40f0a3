namespace IpfsKit.Roles.Coordination;

/// <summary>The master's answer to a join.</summary>
/// <param name="WorkerId">The id the worker is known by.</param>
/// <param name="HeartbeatIntervalMs">How often the master expects a heartbeat, in milliseconds.</param>
/// <param name="MissedHeartbeats">How many intervals may pass without one before the worker is declared dead.</param>
internal sealed record WorkerJoinReply(string WorkerId, long HeartbeatIntervalMs, int MissedHeartbeats)
{
    /// <summary>
    /// Gets the master's lineage: its own id, then its parent's, up to the root of a composite cluster. A sub-cluster's
    /// master refuses a parent whose lineage holds its own id (a cycle). <value>The default value is empty.</value>
    /// </summary>
    public IReadOnlyList<string> Lineage { get; init; } = [];
}
