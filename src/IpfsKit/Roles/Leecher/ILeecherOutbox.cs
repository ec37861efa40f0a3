using IpfsKit.Errors;

namespace IpfsKit.Roles.Leecher;

/// <summary>
/// A leecher's view of its offline outbox, registered by <c>UseRole(NodeRole.Leecher)</c>, and of a remote transport's,
/// registered by <c>WithOfflineOutbox</c> (there "the master" is the remote node): how much waits for the master, which
/// operations the master refused for good (parked), and the way to requeue them.
/// </summary>
/// <remarks>Thread-safe. The outbox itself is written by the leecher's transport and drained by its background agent.</remarks>
public interface ILeecherOutbox
{
    /// <summary>Counts the operations waiting to be sent to the master.</summary>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>How many operations are queued (parked ones not included).</returns>
    /// <exception cref="IpfsKitStorageException">The outbox cannot be read.</exception>
    Task<int> CountQueuedAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts the operations the master refused for good.</summary>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>How many operations are parked.</returns>
    /// <exception cref="IpfsKitStorageException">The outbox cannot be read.</exception>
    Task<int> CountParkedAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the operations the master refused for good, oldest first, with its reasons.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The parked operations.</returns>
    /// <exception cref="IpfsKitStorageException">The outbox cannot be read.</exception>
    Task<IReadOnlyList<ParkedOperation>> GetParkedAsync(CancellationToken cancellationToken = default);

    /// <summary>Moves one parked operation back to the end of the queue, with its key, and wakes the agent.</summary>
    /// <param name="idempotencyKey">The operation's key.</param>
    /// <param name="cancellationToken">Cancels the wait for the outbox.</param>
    /// <returns><see langword="false"/> when no parked operation has that key.</returns>
    /// <exception cref="IpfsKitStorageException">The outbox cannot be written.</exception>
    Task<bool> RequeueParkedAsync(Guid idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Moves every parked operation back to the end of the queue, in order, with their keys, and wakes the agent.</summary>
    /// <param name="cancellationToken">Cancels the wait for the outbox.</param>
    /// <returns>How many were requeued.</returns>
    /// <exception cref="IpfsKitStorageException">The outbox cannot be written.</exception>
    Task<int> RequeueAllParkedAsync(CancellationToken cancellationToken = default);
}
