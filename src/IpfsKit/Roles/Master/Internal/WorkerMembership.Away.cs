using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>The restart and decommission states of <see cref="WorkerMembership"/>: away for a grace, draining until handed over.</summary>
internal sealed partial class WorkerMembership
{
    /// <summary>
    /// Marks an alive worker as away: it stopped for a restart. Its placements stay; <see cref="SweepAsync"/> declares it
    /// dead once <see cref="RolesOptions.AwayGrace"/> has passed, unless it joins again before.
    /// </summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the worker was alive and is now away; <see langword="false"/> otherwise (a draining worker stays draining).</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> AwayAsync(string workerId, CancellationToken cancellationToken = default) =>
        MoveAsync(workerId, WorkerState.Alive, WorkerState.Away, stampBeat: true, "an away worker cannot be recorded", cancellationToken);

    /// <summary>Marks an alive worker as draining: it takes no new ranges, and the coordinator hands its ranges to the others.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The worker's record, or <see langword="null"/> when it is unknown.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public async Task<WorkerInfo?> DrainAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        await MoveAsync(workerId, WorkerState.Alive, WorkerState.Draining, stampBeat: false, "a drain cannot be recorded", cancellationToken).ConfigureAwait(false);
        return (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(w => w.WorkerId == workerId);
    }

    /// <summary>Marks a draining worker as left: no plan names it any more.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the worker was draining and is now left.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> DrainedAsync(string workerId, CancellationToken cancellationToken = default) =>
        MoveAsync(workerId, WorkerState.Draining, WorkerState.Left, stampBeat: false, "a drained worker cannot be recorded", cancellationToken);

    /// <summary>Lists the workers that serve reads: the alive and the draining ones, by id.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public async Task<IReadOnlyList<WorkerInfo>> ServingAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(w => w.State is WorkerState.Alive or WorkerState.Draining)];

    private Task<bool> MoveAsync(string workerId, WorkerState from, WorkerState to, bool stampBeat, string failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        return _db.RunAsync(failure, async ct =>
        {
            using var write = _db.Command(stampBeat
                ? "UPDATE workers SET state = $to, last_beat = $now WHERE id = $id AND state = $from"
                : "UPDATE workers SET state = $to WHERE id = $id AND state = $from");
            write.Parameters.AddWithValue("$id", workerId);
            write.Parameters.AddWithValue("$from", (int)from);
            write.Parameters.AddWithValue("$to", (int)to);
            write.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            return await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }
}
