using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;

namespace IpfsKit.Roles.Worker.Internal;

/// <summary>
/// A worker's decommission: <see cref="BeginAsync"/> asks the master to drain it (the master repairs its ranges onto the
/// others while it serves, then marks it left); the <see cref="WorkerAgent"/> sees the master no longer count it and
/// records <see cref="WorkerDrainState.Drained"/>. Readiness is false from the start of the drain. Thread-safe.
/// </summary>
internal sealed class WorkerDrain(MasterLinkClient link) : IWorkerDrain
{
    private volatile string? _workerId;
    private volatile int _state;

    /// <inheritdoc />
    public WorkerDrainState State => (WorkerDrainState)_state;

    /// <summary>Records the id the master knows the worker by (after its join).</summary>
    public void Joined(string workerId) => _workerId = workerId;

    /// <summary>Records that the master no longer counts the draining worker: it has left.</summary>
    public void Left() => _state = (int)WorkerDrainState.Drained;

    /// <inheritdoc />
    public async Task<WorkerDrainState> BeginAsync(CancellationToken cancellationToken = default)
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
