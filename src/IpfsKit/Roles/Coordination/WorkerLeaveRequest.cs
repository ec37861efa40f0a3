namespace IpfsKit.Roles.Coordination;

/// <summary>A worker leaves in good order (its ranges are moved like a dead worker's).</summary>
/// <param name="WorkerId">The worker's id.</param>
public sealed record WorkerLeaveRequest(string WorkerId);
