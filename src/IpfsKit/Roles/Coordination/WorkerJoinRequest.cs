namespace IpfsKit.Roles.Coordination;

/// <summary>A worker asks the master to count it in.</summary>
/// <param name="WorkerId">The worker's stable id (its node's peer ID).</param>
/// <param name="ApiUrl">Where the master reaches the worker's host API (Kubo-compatible <c>/api/v0</c>).</param>
/// <param name="CapacityBytes">The worker's storage budget.</param>
/// <param name="FreeBytes">What is left of it.</param>
/// <param name="Zone">The worker's failure domain, or <see langword="null"/>.</param>
/// <param name="Tags">The worker's tags (<c>IPFS_KIT_TAGS</c>), which pins may require or prefer; <see langword="null"/> for none.</param>
public sealed record WorkerJoinRequest(string WorkerId, Uri ApiUrl, long CapacityBytes, long FreeBytes, string? Zone = null, IReadOnlyList<string>? Tags = null);
