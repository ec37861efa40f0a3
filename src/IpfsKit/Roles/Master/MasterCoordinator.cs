using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Internal;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master.Internal;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Transports;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master;

/// <summary>
/// The master's placement loop. One pass (<see cref="RunOnceAsync"/>): declares dead the workers that missed their
/// heartbeats; repairs, onto the alive workers, the ranges every plan in force has on a worker no longer alive (dead or
/// left, or draining; an away worker's ranges stay, see <see cref="WorkerState.Away"/>); plans and places every pending or
/// failed pin over the alive workers; releases the placements of removed pins.
/// A hosted service runs a pass every <see cref="RolesOptions.HeartbeatInterval"/>.
/// </summary>
/// <remarks>
/// Blocks are read from the master's own store, which reads what the master no longer holds (the leaves it dropped once a
/// pin was placed, <see cref="RolesOptions.MasterKeeps"/>) from the workers that hold them. Placements go
/// through each worker's Kubo-compatible host API (<see cref="Transports.KuboRpc.KuboRpcTransport"/>, bearer token of
/// <see cref="RolesOptions.ApiToken"/>) with the resumable <see cref="ShardExecutor"/>. Passes do not overlap.
/// </remarks>
public sealed class MasterCoordinator : IDisposable
{
    private readonly MasterStore _store;
    private readonly TransportProvider _provider;
    private readonly WorkerTransports _workers;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly RebalanceGate _rebalanceGate;
    private readonly SubClusterWeights _subClusters = new();

    internal MasterCoordinator(MasterStore store, TransportProvider provider, WorkerTransports workers, ILogger<MasterCoordinator> logger)
    {
        _store = store;
        _provider = provider;
        _workers = workers;
        _logger = logger;
        _rebalanceGate = new RebalanceGate(store.Time, store.Options);
    }

    /// <summary>Gets the step that ends the master's spool after each pass (drops what is placed), or none.</summary>
    internal MasterSpoolStep? Spool { get; init; }

    /// <summary>Releases the gate that serialises its work; the durable state is owned by the container.</summary>
    public void Dispose() => _pass.Dispose();

    /// <summary>Runs one pass.</summary>
    /// <param name="cancellationToken">Stops the pass; what was done stays recorded and the next pass goes on from there.</param>
    /// <returns>What the pass did.</returns>
    /// <exception cref="IpfsKitStorageException">The master's databases cannot be used.</exception>
    public async Task<MasterPassResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await PassAsync(cancellationToken).ConfigureAwait(false);
            if (Spool is not null)
            {
                await Spool.AfterPassAsync(result, (await _provider.GetAsync(cancellationToken).ConfigureAwait(false)).Local, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task<MasterPassResult> PassAsync(CancellationToken cancellationToken)
    {
        var membership = await _store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        var pinset = await _store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        var dead = await membership.SweepAsync(cancellationToken).ConfigureAwait(false);
        foreach (var worker in dead)
        {
            MasterLog.WorkerDead(_logger, worker.WorkerId);
        }

        var reported = await membership.AliveAsync(cancellationToken).ConfigureAwait(false);
        RecordMembers(reported);
        var departures = await WorkerDepartures.ReadAsync(membership, cancellationToken).ConfigureAwait(false);
        var loads = PlannedLoads.Of(await pinset.ListPlansAsync(cancellationToken).ConfigureAwait(false));
        var alive = loads.Apply(reported);
        var (topology, byTarget) = WorkerTopology.Build(alive);
        var targets = byTarget.ToDictionary(t => t.Key, t => _workers.Get(t.Value), StringComparer.Ordinal);
        var executor = await _store.ExecutorAsync(cancellationToken).ConfigureAwait(false);
        var (released, reclaimed) = await new PlacementReleaser(pinset, executor, _logger).ReleaseAsync(targets, cancellationToken).ConfigureAwait(false);
        var pins = await pinset.ListAsync(cancellationToken).ConfigureAwait(false);
        if (alive.Count == 0)
        {
            MasterLog.NoWorkers(_logger, pins.Count(p => p.State != MasterPinState.Placed));
            return new MasterPassResult([.. dead.Select(w => w.WorkerId)], 0, 0, 0, 0, released, reclaimed);
        }

        var origin = (await _provider.GetAsync(cancellationToken).ConfigureAwait(false)).Blocks;
        int placed = 0, repaired = 0, failed = 0;
        foreach (var pin in pins)
        {
            if (pin.State == MasterPinState.Placed && pin.Targets.Count > 0 && pin.Targets.All(targets.ContainsKey))
            {
                continue; // the listing already named its plan's targets, all alive: nothing to read or do
            }

            var cid = Cid.Parse(pin.Cid);
            try
            {
                var plan = await pinset.GetPlanAsync(cid, cancellationToken).ConfigureAwait(false);
                var before = plan;
                if (plan is null && PinPlacement.Waiting(pin.Policy, alive) is { } waiting)
                {
                    await pinset.SetWaitingAsync(cid, waiting, cancellationToken).ConfigureAwait(false);
                    continue; // no member has the pin's required tags: it waits, never placed elsewhere
                }

                var lost = plan?.Targets.Where(t => !targets.ContainsKey(t) && !departures.IsAway(t)).ToList() ?? [];
                if (plan is not null && lost.Count == 0 && pin.State == MasterPinState.Placed)
                {
                    continue;
                }

                // The outline to a granule (docs/sharding.md, "bounded outline read"): a first plan picks it from this
                // level's members, a repair reads what the plan in force was made from. A direct pin has none to read.
                var outline = pin.Mode == PinMode.Direct ? null
                    : plan is null
                        ? await DagOutlineReader.ReadForPlanAsync(origin, cid, topology, _store.Options.ToShardingOptions(), cancellationToken).ConfigureAwait(false)
                        : await DagOutlineReader.ReadForPlanAsync(origin, plan, _store.Options.ToShardingOptions(), cancellationToken).ConfigureAwait(false);
                if (outline is null || OneBlockPlan.IsOneBlock(outline))
                {
                    // One block (a direct pin, or a block without links): pinned on its replicas, never planned as a DAG.
                    var first = plan is null;
                    var one = await OneBlockPlan.PlaceAsync(
                        pinset, executor, pin.Policy, cid, pin.Mode == PinMode.Recursive, plan, byTarget, targets, t => !targets.ContainsKey(t) && !departures.IsAway(t), origin, _store.Options.Replication, cancellationToken)
                        .ConfigureAwait(false);
                    if (first)
                    {
                        placed++;
                    }
                    else
                    {
                        repaired++;
                    }

                    await pinset.SetPlacedAsync(cid, one, cancellationToken).ConfigureAwait(false);
                    Charge(plan, one);
                    continue;
                }

                if (plan is null)
                {
                    plan = PinPlacement.Plan(pin.Policy, outline, topology, byTarget, _store.Options);
                    var execution = await executor.ExecuteAsync(plan, targets, origin, null, cancellationToken).ConfigureAwait(false);
                    execution.EnsureSuccess();
                    MasterLog.Placed(_logger, pin.Cid, plan.Targets.Count, execution.BytesSent);
                    placed++;
                }
                else
                {
                    foreach (var gone in lost)
                    {
                        // What the lost worker held is remembered, to be released there should it come back.
                        await pinset.RecordStaleAsync(plan, gone, cancellationToken).ConfigureAwait(false);
                        var eligible = PinPlacement.Restrict(topology, byTarget, w => MemberTags.HasAll(w.Tags, pin.Policy?.RequiredTags));
                        plan = await RepairAsync(executor, plan, outline, eligible, gone, targets, origin, alive.Count, cancellationToken).ConfigureAwait(false);
                        await pinset.SetPlacedAsync(cid, plan, cancellationToken).ConfigureAwait(false);
                        repaired++;
                    }

                    // A failed pin with a plan whose targets are all alive: apply the plan again (done placements are skipped).
                    (await executor.ExecuteAsync(plan, targets, origin, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
                }

                await pinset.SetPlacedAsync(cid, plan, cancellationToken).ConfigureAwait(false);
                Charge(before, plan);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                MasterLog.PlacementFailed(_logger, pin.Cid, ex);
                await pinset.SetFailedAsync(cid, ex.Message, cancellationToken).ConfigureAwait(false);
                failed++;
            }
        }

        void Charge(ShardPlan? before, ShardPlan after)
        {
            // What this placement sent counts at once for the pins planned after it, whatever the heartbeats say.
            loads.Add(before, after);
            alive = loads.Apply(reported);
            (topology, byTarget) = WorkerTopology.Build(alive);
        }

        await departures.CompleteDrainsAsync(membership, pinset, _logger, cancellationToken).ConfigureAwait(false);

        // Under-replicated pins (planned when members were short, or a lost member's ranges were dropped) get their missing replicas.
        await new ReplicaTopUp(pinset, executor, _store.Options.ToShardingOptions(), _logger).RunAsync(alive, targets, origin, cancellationToken).ConfigureAwait(false);

        // Uneven loads (a worker joined or came back, free space changed): once the membership has settled, ranges move
        // towards the fair shares, rate-limited.
        long rebalanced = 0;
        var weighed = _subClusters.Weigh(alive); // every pass, so a sub-cluster's peak is known before it loses members
        if ((_rebalanceGate.Check(alive, membership.OpenedAt, dead.Count > 0 || repaired > 0 || failed > 0) ?? departures.RebalanceWait) is { } unsettled)
        {
            RebalanceLog.Waiting(_logger, unsettled);
        }
        else
        {
            rebalanced = await new Rebalance(pinset, executor, _store.Options, _logger, _provider.Metrics, _store.ParentLineage.Count).RunAsync(weighed, targets, origin, cancellationToken).ConfigureAwait(false);
        }

        return new MasterPassResult([.. dead.Select(w => w.WorkerId)], alive.Count, placed, repaired, failed, released, reclaimed) { RebalancedBytes = rebalanced };
    }

    private async Task<ShardPlan> RepairAsync(
        ShardExecutor executor, ShardPlan plan, DagOutline outline, ClusterNode topology, string gone,
        Dictionary<string, IIpfsTransport> targets, IBlockSource origin, int alive, CancellationToken cancellationToken)
    {
        ShardRepairResult repair;
        try
        {
            repair = await new ShardRepairer(executor).RepairAsync(
                plan, outline, WorkerTopology.WithGone(topology, gone), gone, targets, origin, Sharding(plan.Replication, alive), null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (IpfsKitCapacityException)
        {
            // No survivor can take them (say, every one already holds those leaves): the plan goes on without the lost
            // ranges, under-replicated, and ReplicaTopUp adds them back when members can take them.
            ReplicationLog.LostDropped(_logger, plan.Root.ToString(), gone);
            await executor.ForgetTargetAsync(plan.Root, gone, cancellationToken).ConfigureAwait(false);
            var kept = plan with { Placements = [.. plan.Placements.Where(p => p.Target != gone)] };
            return kept with { Replication = Math.Max(1, kept.LiveReplicas(targets.ContainsKey)) };
        }

        repair.Execution.EnsureSuccess();
        MasterLog.Repaired(_logger, plan.Root.ToString(), gone, repair.Execution.BytesSent);
        return repair.Plan;
    }

    /// <summary>The alive members by kind and their free bytes, at this master's level of a composite cluster.</summary>
    private void RecordMembers(IReadOnlyList<WorkerInfo> alive)
    {
        var level = new KeyValuePair<string, object?>("level", _store.ParentLineage.Count);
        foreach (var kind in Enum.GetValues<MemberKind>())
        {
            _provider.Metrics.Members.Record(alive.Count(w => w.Kind == kind), new KeyValuePair<string, object?>("kind", kind == MemberKind.IpfsCluster ? "cluster" : kind.ToString().ToLowerInvariant()), level);
        }

        _provider.Metrics.MemberFreeBytes.Record(alive.Sum(w => w.FreeBytes), level);
    }

    private ShardingOptions Sharding(int replication, int alive) =>
        _store.Options.ToShardingOptions() with { Replication = Math.Clamp(replication, 1, Math.Max(1, alive)) };
}
