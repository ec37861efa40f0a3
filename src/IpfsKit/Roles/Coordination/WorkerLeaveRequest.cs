namespace IpfsKit.Roles.Coordination;

/// <summary>
/// A worker leaves in good order: for good (its ranges are moved like a dead worker's), or, with
/// <see cref="Restarting"/>, for a restart (it is away for <see cref="RolesOptions.AwayGrace"/> and nothing moves).
/// The body of <see cref="CoordinationPaths.Drain"/> too, where only the id counts.
/// </summary>
/// <param name="WorkerId">The worker's id.</param>
internal sealed record WorkerLeaveRequest(string WorkerId)
{
    /// <summary>Gets whether the worker stops to come back (a clean stop, not a decommission). <value>The default value is <see langword="false"/>.</value></summary>
    public bool Restarting { get; init; }
}
