using IpfsKit.Errors;

namespace IpfsKit.Roles.Leecher;

/// <summary>The parked operations: refused for good by the master, kept (they count against the bound) until requeued.</summary>
public sealed partial class OfflineOutbox
{
    /// <summary>Lists the parked operations, oldest enqueue first.</summary>
    /// <param name="maxCount">The most operations to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Up to <paramref name="maxCount"/> parked operations with the master's reasons.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<ParkedOperation>> GetParkedAsync(int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return _parking.ListAsync(maxCount, cancellationToken);
    }

    /// <summary>Counts the parked operations.</summary>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>How many operations the master refused and wait to be requeued.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<int> CountParkedAsync(CancellationToken cancellationToken = default) => _parking.CountAsync(cancellationToken);

    /// <summary>
    /// Moves a parked operation back to the end of the queue, with its original key, so the next drain sends it again
    /// (after whatever made the master refuse it was mended).
    /// </summary>
    /// <param name="idempotencyKey">The key of the parked operation.</param>
    /// <param name="cancellationToken">Cancels the wait for the database; once the move started it completes.</param>
    /// <returns><see langword="true"/> when it was parked and is now queued; <see langword="false"/> when no parked operation has that key.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public async Task<bool> RequeueParkedAsync(Guid idempotencyKey, CancellationToken cancellationToken = default) =>
        await _parking.RequeueAsync(idempotencyKey, cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>Moves every parked operation back to the end of the queue, in their enqueue order, with their keys.</summary>
    /// <param name="cancellationToken">Cancels the wait for the database; once the move started it completes.</param>
    /// <returns>How many operations were requeued.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<int> RequeueAllParkedAsync(CancellationToken cancellationToken = default) =>
        _parking.RequeueAsync(null, cancellationToken);
}
