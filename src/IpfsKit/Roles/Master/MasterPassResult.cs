namespace IpfsKit.Roles.Master;

/// <summary>What one pass of the <see cref="MasterCoordinator"/> did.</summary>
/// <param name="DeadWorkers">The workers this pass declared dead.</param>
/// <param name="AliveWorkers">How many workers were alive.</param>
/// <param name="Placed">How many pending or failed pins were planned and placed.</param>
/// <param name="Repaired">How many lost targets' ranges were repaired onto the survivors (a pin may count several).</param>
/// <param name="Failed">How many pins failed to be placed or repaired (they are retried next pass).</param>
/// <param name="Released">How many removed pins had their placements released on the workers.</param>
/// <param name="Reclaimed">How many placements repaired away from a worker were released on it once it came back.</param>
public sealed record MasterPassResult(IReadOnlyList<string> DeadWorkers, int AliveWorkers, int Placed, int Repaired, int Failed, int Released, int Reclaimed)
{
    /// <summary>Gets the bytes this pass moved between workers to even their loads (rebalancing).</summary>
    public long RebalancedBytes { get; init; }
}
