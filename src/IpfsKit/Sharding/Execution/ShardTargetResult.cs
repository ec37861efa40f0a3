using IpfsKit.Errors;

namespace IpfsKit.Sharding.Execution;

/// <summary>What a <see cref="ShardExecutor"/> run did on one target.</summary>
/// <param name="Target">The target's id.</param>
/// <param name="PlacementsApplied">The placements applied and verified by this run.</param>
/// <param name="PlacementsSkipped">The placements found done by an earlier run (no call made to the target).</param>
/// <param name="PinsApplied">The pins added by this run.</param>
/// <param name="BlocksSent">The blocks put by this run.</param>
/// <param name="BytesSent">The bytes of those blocks.</param>
/// <param name="Error">Why the target failed (its placement is marked failed and its later placements not tried), or <see langword="null"/>.</param>
public sealed record ShardTargetResult(
    string Target, int PlacementsApplied, int PlacementsSkipped, int PinsApplied, long BlocksSent, long BytesSent, IpfsKitRemoteException? Error)
{
    /// <summary>Gets a value indicating whether every placement of the target is done.</summary>
    public bool Succeeded => Error is null;
}
