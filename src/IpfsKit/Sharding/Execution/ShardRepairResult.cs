namespace IpfsKit.Sharding.Execution;

/// <summary>What a <see cref="ShardRepairer"/> did.</summary>
/// <param name="RepairPlan">The new placements that replace the dead target's (the planner's repair plan).</param>
/// <param name="Plan">The plan now in force: the old one without the dead target's placements, plus the new ones.</param>
/// <param name="Execution">The execution of the repair plan.</param>
public sealed record ShardRepairResult(ShardPlan RepairPlan, ShardPlan Plan, ShardExecutionResult Execution);
