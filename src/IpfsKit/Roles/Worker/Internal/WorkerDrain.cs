using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;

namespace IpfsKit.Roles.Worker.Internal;

/// <summary>Where a worker is in its decommission (<c>ipfs-kit worker drain</c>).</summary>
internal enum WorkerDrainState
{
    /// <summary>Not draining: a clean stop is a restart (the master keeps its placements for the away grace).</summary>
    Serving,

    /// <summary>The master hands its ranges to the others; it still serves reads, and is not ready for new work.</summary>
    Draining,

    /// <summary>No plan names it any more and it has left the master: it stops without a leave and never joins again.</summary>
    Drained,
}

/// <summary>
/// A worker's decommission: <see cref="BeginAsync"/> asks the master to drain it (the master repairs its ranges onto the
/// others while it serves, then marks it left); the <see cref="WorkerAgent"/> sees the master no longer count it and
/// records <see cref="WorkerDrainState.Drained"/>. Readiness is false from the start of the drain. Thread-safe.
/// </summary>
internal sealed class WorkerDrain(MasterLinkClient link)
{
    private volatile string? _workerId;
    private volatile int _state;

    /// <summary>Gets where the drain is.</summary>
    public WorkerDrainState State => (WorkerDrainState)_state;

    /// <summary>Records the id the master knows the worker by (after its join).</summary>
    public void Joined(string workerId) => _workerId = workerId;

    /// <summary>Records that the master no longer counts the draining worker: it has left.</summary>
    public void Left() => _state = (int)WorkerDrainState.Drained;

    /// <summary>Starts the drain (again: only reports where it is).</summary>
    /// <returns>Where the drain is.</returns>
    /// <exception cref="IpfsKitOperationRefusedException">The worker has not joined its master yet, or the master does not know it.</exception>
    /// <exception cref="IpfsKitRemoteException">The master is unreachable or failed.</exception>
    public async Task<WorkerDrainState> BeginAsync(CancellationToken cancellationToken)
    {
        if (State != WorkerDrainState.Serving)
        {
            return State;
        }

        var id = _workerId ?? throw new IpfsKitOperationRefusedException("the worker has not joined its master yet: nothing to drain");
        var record = await link.DrainAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new IpfsKitOperationRefusedException($"the master does not know worker {id}: nothing to drain");
        _state = (int)(record.State is WorkerState.Left ? WorkerDrainState.Drained : WorkerDrainState.Draining);
        return State;
    }
}
