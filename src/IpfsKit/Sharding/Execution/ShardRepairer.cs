using IpfsKit.Blocks;
using IpfsKit.Transports;

namespace IpfsKit.Sharding.Execution;

/// <summary>
/// Moves a dead target's ranges onto survivors: <see cref="ShardPlanner.Repair"/> plans the new placements (same
/// sub-cluster first; nothing else moves) and the <see cref="ShardExecutor"/> applies them like any plan, resumably.
/// Once the repair succeeded, the executor's progress for the dead target is forgotten. Nothing is unpinned on the dead
/// target (it is not reachable). Thread-safe as the executor is.
/// </summary>
/// <param name="executor">The executor that applies the repair plans.</param>
public sealed class ShardRepairer(ShardExecutor executor)
{
    private readonly ShardExecutor _executor = executor ?? throw new ArgumentNullException(nameof(executor));

    /// <summary>Plans and applies the repair of a dead target.</summary>
    /// <param name="plan">The plan in force.</param>
    /// <param name="outline">The DAG's outline.</param>
    /// <param name="topology">The topology; the dead target is marked unhealthy in the copy given to the planner.</param>
    /// <param name="deadTarget">The dead target's id.</param>
    /// <param name="targets">The transports of the surviving targets (the dead one, if present, is not used).</param>
    /// <param name="source">
    /// Where the blocks are read from: the origin, or a <see cref="ClusterBlockSource"/> over the survivors when the
    /// plan has replicas.
    /// </param>
    /// <param name="options">The planner's options. <value>The default value is <see langword="null"/>: the defaults.</value></param>
    /// <param name="progress">Receives progress. <value>The default value is <see langword="null"/>.</value></param>
    /// <param name="cancellationToken">Stops the repair; a next call resumes it.</param>
    /// <returns>The repair plan, the plan now in force and what the executor did.</returns>
    public async Task<ShardRepairResult> RepairAsync(
        ShardPlan plan,
        DagOutline outline,
        ClusterNode topology,
        string deadTarget,
        IReadOnlyDictionary<string, IIpfsTransport> targets,
        IBlockSource source,
        ShardingOptions? options = null,
        IProgress<ShardProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(deadTarget);
        ArgumentNullException.ThrowIfNull(targets);
        var repair = ShardPlanner.Repair(plan, outline, (ClusterNode)MarkDead(topology, deadTarget, path: null), deadTarget, options);
        var survivors = targets.Where(t => t.Key != deadTarget).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var execution = await _executor.ExecuteAsync(repair, survivors, source, progress, cancellationToken).ConfigureAwait(false);
        if (execution.Succeeded)
        {
            // The dead target holds nothing of the plan now; should it come back and be given ranges again, redo them.
            await _executor.ForgetTargetAsync(plan.Root, deadTarget, cancellationToken).ConfigureAwait(false);
        }

        var merged = plan with { Placements = [.. plan.Placements.Where(p => p.Target != deadTarget), .. repair.Placements] };
        return new ShardRepairResult(repair, merged, execution);
    }

    private static TopologyNode MarkDead(TopologyNode node, string deadTarget, string? path) => node switch
    {
        TargetNode target when path == deadTarget => target with { Healthy = false },
        ClusterNode cluster => cluster with
        {
            Children = [.. cluster.Children.Select(c => MarkDead(c, deadTarget, path is null ? c.Name : path + "/" + c.Name))],
        },
        _ => node,
    };
}
