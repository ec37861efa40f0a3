using IpfsKit.Errors;

namespace IpfsKit.Roles.Worker;

/// <summary>
/// A worker's decommission (<c>ipfs-kit worker drain</c>): the master hands the worker's ranges to its other members
/// while the worker still serves, then counts it as left. Resolve it from DI after <c>UseRole(NodeRole.Worker)</c>.
/// Readiness should be false from the start of the drain. Thread-safe.
/// </summary>
public interface IWorkerDrain
{
    /// <summary>Gets where the drain is.</summary>
    WorkerDrainState State { get; }

    /// <summary>Starts the drain; once started, only reports where it is.</summary>
    /// <param name="cancellationToken">Cancels the call to the master.</param>
    /// <returns>Where the drain is.</returns>
    /// <exception cref="IpfsKitOperationRefusedException">The worker has not joined its master yet, or the master does not know it.</exception>
    /// <exception cref="IpfsKitRemoteException">The master is unreachable or failed.</exception>
    Task<WorkerDrainState> BeginAsync(CancellationToken cancellationToken = default);
}
