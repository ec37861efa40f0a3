using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Internal;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Leecher;
using IpfsKit.Roles.Master.Internal;
using IpfsKit.Sharding;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Master;

/// <summary>
/// What the master serves on its coordination endpoints (<see cref="CoordinationPaths"/>): worker membership, forwarded
/// operations applied exactly once per idempotency key, the pinset and its plans. Registered by
/// <c>UseRole(NodeRole.Master)</c>; thread-safe.
/// </summary>
public sealed class MasterNode : IDisposable
{
    /// <summary>The <see cref="MasterPinInfo.Source"/> of a pin forwarded by a leecher or an app; <c>forwarded:&lt;device id&gt;</c> when the leecher has a DEVICE_ID.</summary>
    public const string ForwardedSource = "forwarded";

    private readonly MasterStore _store;
    private readonly TransportProvider _provider;
    private readonly LeafDropper _dropper;
    private readonly SemaphoreSlim _operations = new(1, 1);
    private readonly SemaphoreSlim _joins = new(1, 1);
    private string? _id;

    internal MasterNode(MasterStore store, TransportProvider provider, LeafDropper dropper)
    {
        _store = store;
        _provider = provider;
        _dropper = dropper;
    }

    /// <summary>Releases the gate that serialises its work; the durable state is owned by the container.</summary>
    public void Dispose()
    {
        _operations.Dispose();
        _joins.Dispose();
    }

    /// <summary>Counts a worker in (again, when it was known).</summary>
    /// <param name="request">The join.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id and the heartbeat contract.</returns>
    /// <exception cref="ArgumentException">The request has no id or no absolute URL, or reports a negative or impossible (above 2^60 bytes) capacity or free space.</exception>
    /// <exception cref="IpfsKitOperationRefusedException">A new worker, while the master has <see cref="RolesOptions.MaxMembers"/> members (alive or dead, not left); or a member that is this master or one of its ancestors (a cycle).</exception>
    /// <exception cref="IpfsKitStorageException">The membership cannot be written.</exception>
    internal async Task<WorkerJoinReply> JoinAsync(WorkerJoinRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        MemberCapacity.Validate(request.CapacityBytes, request.FreeBytes, request.Members);
        var lineage = await LineageAsync(cancellationToken).ConfigureAwait(false);
        if (lineage.Contains(request.WorkerId, StringComparer.Ordinal))
        {
            throw new IpfsKitOperationRefusedException(
                $"{request.WorkerId} cannot join this master: it is {(lineage[0] == request.WorkerId ? "this master itself" : "one of its ancestors")} (lineage {string.Join(" <- ", lineage)}), and a cluster cannot contain itself");
        }

        var membership = await _store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        WorkerInfo worker;
        await _joins.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var known = await membership.ListAsync(cancellationToken).ConfigureAwait(false);
            var max = _store.Options.MaxMembers;
            if (!known.Any(w => w.WorkerId == request.WorkerId) && known.Count(w => w.State != WorkerState.Left) >= max)
            {
                throw new IpfsKitOperationRefusedException(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture, $"the master has its {max} members (IpfsKit:Roles:MaxMembers): worker {request.WorkerId} cannot join"));
            }

            worker = await membership.JoinAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _joins.Release();
        }

        return new WorkerJoinReply(worker.WorkerId, (long)_store.Options.HeartbeatInterval.TotalMilliseconds, _store.Options.MissedHeartbeats) { Lineage = lineage };
    }

    /// <summary>Records a worker's heartbeat.</summary>
    /// <param name="heartbeat">The beat.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The worker's record, or <see langword="null"/> when it is not known as alive (it must join again).</returns>
    /// <exception cref="ArgumentException">It reports a negative or impossible (above 2^60 bytes) capacity or free space.</exception>
    /// <exception cref="IpfsKitStorageException">The membership cannot be written.</exception>
    internal async Task<WorkerInfo?> HeartbeatAsync(WorkerHeartbeat heartbeat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        MemberCapacity.Validate(heartbeat.CapacityBytes, heartbeat.FreeBytes, heartbeat.Members);
        var membership = await _store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        return await membership.HeartbeatAsync(heartbeat, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets this master's lineage: its own id (its node's peer ID), then its parent's, up to the root of its composite cluster.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids, this master first.</returns>
    public async Task<IReadOnlyList<string>> LineageAsync(CancellationToken cancellationToken = default)
    {
        if (_id is null)
        {
            var opened = await _provider.GetAsync(cancellationToken).ConfigureAwait(false);
            _id = (await (opened.Local ?? opened.Transport).IdentifyAsync(cancellationToken).ConfigureAwait(false)).Id;
        }

        return [_id, .. _store.ParentLineage];
    }

    /// <summary>Marks a worker as left; the coordinator moves its ranges.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the worker was known and had not left.</returns>
    /// <exception cref="IpfsKitStorageException">The membership cannot be written.</exception>
    public async Task<bool> LeaveAsync(string workerId, CancellationToken cancellationToken = default)
    {
        var membership = await _store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        return await membership.LeaveAsync(workerId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks an alive worker as away: it stopped for a restart, and nothing moves for <see cref="RolesOptions.AwayGrace"/>.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the worker was alive and is now away.</returns>
    /// <exception cref="IpfsKitStorageException">The membership cannot be written.</exception>
    public async Task<bool> AwayAsync(string workerId, CancellationToken cancellationToken = default)
    {
        var membership = await _store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        return await membership.AwayAsync(workerId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Decommissions a worker: it takes no new ranges, the coordinator repairs its ranges onto the others while it still
    /// serves reads, and marks it left once no plan names it.
    /// </summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its record (draining, or already left or dead), or <see langword="null"/> when unknown.</returns>
    /// <exception cref="IpfsKitStorageException">The membership cannot be written.</exception>
    public async Task<WorkerInfo?> DrainAsync(string workerId, CancellationToken cancellationToken = default)
    {
        var membership = await _store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        return await membership.DrainAsync(workerId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists every worker the master knows.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The workers, by id.</returns>
    /// <exception cref="IpfsKitStorageException">The membership cannot be read.</exception>
    public async Task<IReadOnlyList<WorkerInfo>> ListWorkersAsync(CancellationToken cancellationToken = default)
    {
        var membership = await _store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        return await membership.ListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the master's pinset.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pins, oldest first.</returns>
    /// <exception cref="IpfsKitStorageException">The pinset cannot be read.</exception>
    public async Task<IReadOnlyList<MasterPinInfo>> ListPinsAsync(CancellationToken cancellationToken = default)
    {
        var pinset = await _store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        var membership = await _store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        var (_, live) = WorkerTopology.Build(await membership.AliveAsync(cancellationToken).ConfigureAwait(false));
        var pins = await pinset.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. pins.Select(p => ReplicationStatus.Describe(p, live, _store.Options.Replication))];
    }

    /// <summary>Gets the plan in force for a pin.</summary>
    /// <param name="cid">The pin's root.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plan, or <see langword="null"/> when the pin is unknown or not placed yet.</returns>
    /// <exception cref="IpfsKitStorageException">The pinset cannot be read.</exception>
    public async Task<ShardPlan?> GetPlanAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var pinset = await _store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        return await pinset.GetPlanAsync(cid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies a forwarded operation at most once per <see cref="ForwardedOperation.IdempotencyKey"/>: a pin is pinned
    /// locally and ingested; an unpin is unpinned locally and removed; an add stores the payload locally (Kubo's
    /// defaults: CIDv0, 256 KiB chunks), pinned, and ingests it; a publish is published on the local node.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this call applied it, and the CID it concerned.</returns>
    /// <exception cref="IpfsKitFormatException">The operation is malformed (the message names the field).</exception>
    /// <exception cref="IpfsKitStorageException">The pinset cannot be written.</exception>
    /// <remarks>
    /// The key and the pinset change commit together. The local effect comes first and is idempotent (pin, add), so a
    /// crash in between is repaired by the resend; only a publish may be repeated by a crash between the two.
    /// </remarks>
    internal async Task<ForwardedOperationReply> ApplyAsync(ForwardedOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var op = operation.ToOperation();
        var pinset = await _store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        await _operations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await pinset.FindAppliedAsync(op.IdempotencyKey, cancellationToken).ConfigureAwait(false) is { } before)
            {
                Count(op.Kind, applied: false);
                return before;
            }

            var source = operation.DeviceId is { } device ? $"{ForwardedSource}:{device}" : ForwardedSource;
            var reply = await ApplyOnceAsync(op, source, pinset, cancellationToken).ConfigureAwait(false);
            Count(op.Kind, reply.Applied);
            return reply;
        }
        finally
        {
            _operations.Release();
        }
    }

    private void Count(OutboxOperationKind kind, bool applied) =>
        _provider.Metrics.ForwardedOperations.Add(1, new("kind", kind.ToString()), new("outcome", applied ? "applied" : "duplicate"));

    private async Task<ForwardedOperationReply> ApplyOnceAsync(OutboxOperation op, string source, MasterPinset pinset, CancellationToken cancellationToken)
    {
        var opened = await _provider.GetAsync(cancellationToken).ConfigureAwait(false);
        var local = opened.Local ?? opened.Transport;
        var key = op.IdempotencyKey;
        switch (op.Kind)
        {
            case OutboxOperationKind.Pin:
                if (op.Policy is { } policy)
                {
                    // Refused for good (400, the leecher parks it) when no cluster can meet it; stored before the pin is placed.
                    policy.Validate(_store.Options.MaxMembers);
                    await pinset.SetPolicyAsync(op.Cid, policy, cancellationToken).ConfigureAwait(false);
                }

                await local.PinAsync(op.Cid, op.PinMode, cancellationToken).ConfigureAwait(false);
                return new(await pinset.IngestAsync(op.Cid, op.PinMode, source, key, cancellationToken).ConfigureAwait(false), op.Cid.ToString());
            case OutboxOperationKind.Unpin:
                await UnpinLocallyAsync(local, op.Cid, op.PinMode, cancellationToken).ConfigureAwait(false);
                var removed = await pinset.RemoveAsync(op.Cid, key, cancellationToken).ConfigureAwait(false);
                await _dropper.ReleaseAsync(local, op.Cid, cancellationToken).ConfigureAwait(false);
                return new(removed, op.Cid.ToString());
            case OutboxOperationKind.AddContent:
                using (var payload = new MemoryStream(op.Payload.ToArray(), writable: false))
                {
                    var added = await local.AddAsync(payload, AddOptions.Default, null, cancellationToken).ConfigureAwait(false);
                    return new(await pinset.IngestAsync(added.Cid, PinMode.Recursive, source, key, cancellationToken).ConfigureAwait(false), added.Cid.ToString());
                }

            default:
                await local.PublishAsync(op.Topic!, op.Payload, cancellationToken).ConfigureAwait(false);
                return new(await pinset.RecordAppliedAsync(key, "publish", null, cancellationToken).ConfigureAwait(false), null);
        }
    }

    private static async Task UnpinLocallyAsync(IIpfsTransport local, Cid cid, PinMode mode, CancellationToken cancellationToken)
    {
        try
        {
            await local.UnpinAsync(cid, mode, cancellationToken).ConfigureAwait(false);
        }
        catch (IpfsKitNotPinnedException)
        {
            // Not pinned here (any more): the pinset removal is what counts.
        }
    }
}
