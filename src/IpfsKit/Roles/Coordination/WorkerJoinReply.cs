namespace IpfsKit.Roles.Coordination;

/// <summary>The master's answer to a join.</summary>
/// <param name="WorkerId">The id the worker is known by.</param>
/// <param name="HeartbeatIntervalMs">How often the master expects a heartbeat, in milliseconds.</param>
/// <param name="MissedHeartbeats">How many intervals may pass without one before the worker is declared dead.</param>
public sealed record WorkerJoinReply(string WorkerId, long HeartbeatIntervalMs, int MissedHeartbeats);
