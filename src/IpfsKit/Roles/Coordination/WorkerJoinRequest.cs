namespace IpfsKit.Roles.Coordination;

/// <summary>A worker asks the master to count it in.</summary>
/// <param name="WorkerId">The worker's stable id (its node's peer ID).</param>
/// <param name="ApiUrl">Where the master reaches the worker's host API (Kubo-compatible <c>/api/v0</c>).</param>
/// <param name="CapacityBytes">The worker's storage budget.</param>
/// <param name="FreeBytes">What is left of it.</param>
/// <param name="Zone">The worker's failure domain, or <see langword="null"/>.</param>
/// <param name="Tags">The worker's tags (<c>IPFS_KIT_TAGS</c>), which pins may require or prefer; <see langword="null"/> for none.</param>
internal sealed record WorkerJoinRequest(string WorkerId, Uri ApiUrl, long CapacityBytes, long FreeBytes, string? Zone = null, IReadOnlyList<string>? Tags = null)
{
    /// <summary>Gets what the member is: a worker, or the master of a sub-cluster. <value>The default value is <see cref="MemberKind.Worker"/>.</value></summary>
    public MemberKind Kind { get; init; }

    /// <summary>Gets, for a sub-cluster's master, how many alive members it has. <value>The default value is 0.</value></summary>
    public int Members { get; init; }
}
