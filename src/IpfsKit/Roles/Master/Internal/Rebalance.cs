using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Diagnostics.Internal;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Transports;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// One step of the coordination pass, after the top-up: when the most loaded worker holds more than 110 % of its fair
/// share of the placed bytes (<see cref="ShardPlanner.Rebalance"/>), ranges move to less loaded workers, at most
/// <see cref="RolesOptions.RebalanceBytesPerSecond"/> × <see cref="RolesOptions.HeartbeatInterval"/> bytes a pass. A move
/// places the range on its new worker and verifies it (<see cref="ShardExecutor"/>), saves the new plan, and only then
/// records the old placement as stale, so the next pass's <see cref="PlacementReleaser"/> unpins it on the old worker
/// and has it collect the blocks (once the plan in force is fully replicated on alive workers). Only placed pins whose
/// targets are all alive take part, and the coordinator runs the step only once the membership has settled
/// (<see cref="RebalanceGate"/>). Pins of one block (direct, or a block without links) do not move.
/// </summary>
internal sealed class Rebalance(MasterPinset pinset, ShardExecutor executor, RolesOptions options, ILogger logger, IpfsKitMetrics metrics, int level = 0)
{
    /// <summary>The most loaded worker may stay this far above its fair share.</summary>
    public const double Tolerance = 0.1;

    /// <summary>Moves ranges when the loads are uneven; returns the bytes moved.</summary>
    public async Task<long> RunAsync(
        IReadOnlyList<WorkerInfo> alive, IReadOnlyDictionary<string, IIpfsTransport> targets, IBlockSource origin, CancellationToken cancellationToken)
    {
        var budget = (long)Math.Min(long.MaxValue, options.RebalanceBytesPerSecond.Bytes * options.HeartbeatInterval.TotalSeconds);
        if (budget <= 0 || alive.Count < 2)
        {
            return 0;
        }

        var pins = (await pinset.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(p => p.State == MasterPinState.Placed && p.Mode == PinMode.Recursive && p.Plan is { TotalLeaves: > 1 } plan && plan.Targets.All(targets.ContainsKey)).ToList();
        var plans = pins.Select(p => p.Plan!).ToList();
        var (topology, byTarget) = WorkerTopology.Build(alive);
        var sharding = options.ToShardingOptions();
        var idle = ShardPlanner.Rebalance(plans, new Dictionary<Cid, DagOutline>(), topology, 0, sharding);
        if (idle.MaxShareBefore <= 1 + Tolerance)
        {
            RecordShares(idle.MaxShareBefore, idle.MaxShareBefore);
            return 0;
        }

        // Uneven: read the outlines (interior nodes, kept by the master) so that ranges can be split.
        var outlines = new Dictionary<Cid, DagOutline>();
        foreach (var plan in plans)
        {
            outlines[plan.Root] = await DagOutlineReader.ReadForPlanAsync(origin, plan, sharding, cancellationToken).ConfigureAwait(false);
        }

        var policies = pins.ToDictionary(p => p.Plan!.Root, p => p.Policy);
        var decision = ShardPlanner.Rebalance(
            plans, outlines, topology, budget, sharding, Tolerance,
            (plan, target) => MemberTags.HasAll(byTarget[target].Tags, policies[plan.Root]?.RequiredTags));
        long moved = 0;
        var done = 0;
        foreach (var plan in plans)
        {
            var moves = decision.Moves.Where(m => m.Root.Equals(plan.Root)).ToList();
            if (moves.Count > 0 && await MoveAsync(plan, moves, targets, origin, cancellationToken).ConfigureAwait(false))
            {
                moved += moves.Sum(m => m.To.Bytes);
                done += moves.Count;
            }
        }

        var after = done == decision.Moves.Count
            ? decision.MaxShareAfter
            : ShardPlanner.Rebalance(await pinset.ListPlansAsync(cancellationToken).ConfigureAwait(false), outlines, topology, 0, sharding).MaxShareBefore;
        metrics.RebalanceBytes.Add(moved, new KeyValuePair<string, object?>("level", level));
        metrics.RebalanceMoves.Add(done, new KeyValuePair<string, object?>("level", level));
        RecordShares(decision.MaxShareBefore, after);
        RebalanceLog.Rebalanced(logger, done, moved, decision.MaxShareBefore, after, budget);
        return moved;
    }

    /// <summary>The most loaded worker's load ÷ fair share before and after this pass's moves (equal when nothing moved).</summary>
    private void RecordShares(double before, double after)
    {
        metrics.MaxShare.Record(before, new KeyValuePair<string, object?>("phase", "before"), new KeyValuePair<string, object?>("level", level));
        metrics.MaxShare.Record(after, new KeyValuePair<string, object?>("phase", "after"), new KeyValuePair<string, object?>("level", level));
    }

    private async Task<bool> MoveAsync(
        ShardPlan plan, List<ShardMove> moves, IReadOnlyDictionary<string, IIpfsTransport> targets, IBlockSource origin, CancellationToken cancellationToken)
    {
        try
        {
            // The new placements first, verified; what the old members keep of a split range is pinned there already.
            var placing = plan with { Placements = [.. moves.Select(m => m.To)] };
            (await executor.ExecuteAsync(placing, targets, origin, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
            await pinset.SetPlacedAsync(plan.Root, plan.Move(moves), cancellationToken).ConfigureAwait(false);
            foreach (var from in moves.GroupBy(m => m.From.Target, StringComparer.Ordinal))
            {
                // Released by the next pass (pins a plan in force still places there are kept); the executor forgets
                // the old member so that a range moved back later is pinned again.
                await pinset.RecordStaleAsync(plan with { Placements = [.. from.Select(m => m.From)] }, from.Key, cancellationToken).ConfigureAwait(false);
                await executor.ForgetTargetAsync(plan.Root, from.Key, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RebalanceLog.MoveFailed(logger, plan.Root.ToString(), ex);
            return false;
        }
    }
}
