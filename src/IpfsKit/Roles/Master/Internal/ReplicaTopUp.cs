using IpfsKit.Blocks;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Transports;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// One step of the coordination pass: every placed pin whose plan has fewer live replicas than it aims for (its
/// policy's maximum, else the cluster's replication; only on members with its required tags) — a member died
/// and no survivor could take its ranges, or there were too few members when it was planned — gets the missing replicas
/// as soon as members can take them (<see cref="ShardPlanner.AddReplicas"/>, applied by the <see cref="ShardExecutor"/>);
/// the placements in force stay. Pins whose plan names a target no longer alive are the repair's, not this step's.
/// </summary>
internal sealed class ReplicaTopUp(MasterPinset pinset, ShardExecutor executor, ShardingOptions sharding, ILogger logger)
{
    /// <summary>Tops up the under-replicated pins; returns how many got replicas.</summary>
    public async Task<int> RunAsync(
        IReadOnlyList<WorkerInfo> alive, IReadOnlyDictionary<string, IIpfsTransport> targets, IBlockSource origin, CancellationToken cancellationToken)
    {
        var used = new Dictionary<string, long>(StringComparer.Ordinal);
        var topped = 0;
        foreach (var pin in await pinset.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (pin.State != MasterPinState.Placed || pin.Plan is not { } plan || !plan.Targets.All(targets.ContainsKey))
            {
                continue;
            }

            var eligible = PinPlacement.Eligible(pin.Policy, alive);
            var (_, wanted) = PinPlacement.Wanted(pin.Policy, sharding.Replication, eligible.Count);
            var live = plan.LiveReplicas(targets.ContainsKey);
            if (live >= Math.Min(wanted, eligible.Count))
            {
                continue;
            }

            try
            {
                if (pin.Mode == PinMode.Direct || OneBlockPlan.IsOneBlock(plan))
                {
                    // One block (OneBlockPlan): more members pin it, in its mode.
                    var one = await OneBlockPlan.PlaceAsync(
                        pinset, executor, pin.Policy, plan.Root, pin.Mode == PinMode.Recursive, plan, WorkerTopology.Build(alive).ByTarget, targets, t => !targets.ContainsKey(t), origin, sharding.Replication, cancellationToken)
                        .ConfigureAwait(false);
                    if (one.Placements.Count > plan.Placements.Count)
                    {
                        await pinset.SetPlacedAsync(plan.Root, one, cancellationToken).ConfigureAwait(false);
                        topped++;
                    }

                    continue;
                }

                if (await TopUpAsync(plan, pin.Policy, wanted, live, alive, targets, origin, used, cancellationToken).ConfigureAwait(false))
                {
                    topped++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The plan in force stays valid (its placements are verified): only the missing replicas wait.
                ReplicationLog.TopUpFailed(logger, pin.Cid, ex);
            }
        }

        return topped;
    }

    private async Task<bool> TopUpAsync(
        ShardPlan plan, PinOptions? policy, int wanted, int live, IReadOnlyList<WorkerInfo> alive, IReadOnlyDictionary<string, IIpfsTransport> targets,
        IBlockSource origin, Dictionary<string, long> used, CancellationToken cancellationToken)
    {
        var root = plan.Root.ToString();
        var outline = await DagOutlineReader.ReadForPlanAsync(origin, plan, sharding, cancellationToken).ConfigureAwait(false);

        // Free bytes as the heartbeats said, less what earlier top-ups of this pass sent.
        var (topology, byTarget) = WorkerTopology.Build(
            [.. alive.Select(w => w with { FreeBytes = w.FreeBytes - used.GetValueOrDefault(w.WorkerId) })]);
        var eligible = PinPlacement.Restrict(topology, byTarget, w => MemberTags.HasAll(w.Tags, policy?.RequiredTags));
        var topUp = ShardPlanner.AddReplicas(plan, outline, eligible, sharding with { Replication = wanted });
        if (topUp.Placements.Count == 0)
        {
            ReplicationLog.NoRoom(logger, root, live, wanted);
            return false;
        }

        var execution = await executor.ExecuteAsync(topUp, targets, origin, null, cancellationToken).ConfigureAwait(false);
        execution.EnsureSuccess();
        foreach (var target in topUp.Targets)
        {
            var worker = byTarget[target].WorkerId;
            used[worker] = used.GetValueOrDefault(worker) + topUp.BytesOf(target);
        }

        var merged = plan.Add(topUp, targets.ContainsKey);
        await pinset.SetPlacedAsync(plan.Root, merged, cancellationToken).ConfigureAwait(false);
        ReplicationLog.ToppedUp(logger, root, merged.LiveReplicas(targets.ContainsKey), wanted, execution.BytesSent);
        return true;
    }
}
