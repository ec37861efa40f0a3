namespace IpfsKit.Sharding.Execution;

/// <summary>How far a <see cref="ShardExecutor"/> run has got.</summary>
/// <param name="PlacementsDone">The placements finished (applied and verified, or found done by an earlier run).</param>
/// <param name="PlacementsTotal">The placements in the plan.</param>
/// <param name="BlocksSent">The blocks put to targets by this run.</param>
/// <param name="BytesSent">The bytes of those blocks.</param>
public readonly record struct ShardProgress(int PlacementsDone, int PlacementsTotal, long BlocksSent, long BytesSent);
