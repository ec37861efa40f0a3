namespace IpfsKit.Roles.Coordination;

/// <summary>The master's answer to a <see cref="ForwardedOperation"/>.</summary>
/// <param name="Applied"><see langword="true"/> when this call applied it; <see langword="false"/> when its key had been applied before (nothing was done again).</param>
/// <param name="Cid">The CID the operation concerned (for an add, the CID of the added content), when it has one.</param>
public sealed record ForwardedOperationReply(bool Applied, string? Cid);
