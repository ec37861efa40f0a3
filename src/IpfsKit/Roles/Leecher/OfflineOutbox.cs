using IpfsKit.Diagnostics.Internal;
using IpfsKit.Errors;
using IpfsKit.Roles.Internal;
using IpfsKit.Roles.Leecher.Internal.Outbox;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Roles.Leecher;

/// <summary>
/// The leecher's durable offline outbox: pins, unpins, publishes and small adds made while the master is unreachable,
/// kept in SQLite (WAL, <c>synchronous = FULL</c>), bounded by <see cref="OfflineOutboxOptions.MaxOfflineQueue"/>, and
/// replayed in enqueue order by <see cref="DrainAsync(Func{OutboxOperation, CancellationToken, Task}, CancellationToken)"/>
/// when the master is back. An operation the master refuses for good is parked, not retried forever and not dropped:
/// see <see cref="GetParkedAsync"/> and <see cref="RequeueParkedAsync"/>.
/// </summary>
/// <remarks>
/// <para>
/// Delivery is at least once from the outbox's side: an operation is removed only after its send succeeded, so a crash
/// between the send and the removal sends it again on the next drain. Exactly once needs the receiver: it must ignore
/// an <see cref="OutboxOperation.IdempotencyKey"/> it has applied before (<see cref="OutboxReceiptLog"/> does that).
/// </para>
/// <para>Thread-safe. One drain runs at a time; enqueues may run while a drain is in progress.</para>
/// <para>
/// A facade over the queue storage, the parking and the drain policy (<c>Roles/Internal/Outbox</c>), sharing one
/// SQLite store.
/// </para>
/// </remarks>
public sealed partial class OfflineOutbox : IAsyncDisposable
{
    private readonly SqliteStore _db;
    private readonly OutboxQueue _queue;
    private readonly OutboxParking _parking;
    private readonly OutboxDrain _drain;

    private OfflineOutbox(SqliteStore db, OfflineOutboxOptions options)
    {
        _db = db;
        _queue = new OutboxQueue(db, options);
        _parking = new OutboxParking(db, options.TimeProvider, options.Metrics ?? IpfsKitMetrics.Shared);
        _drain = new OutboxDrain(_queue, _parking);
    }

    /// <summary>Opens the outbox at <see cref="OfflineOutboxOptions.Path"/> (created when missing), keeping what it holds.</summary>
    /// <param name="options">Where and how big.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The open outbox; dispose it to close the file.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive.</exception>
    /// <exception cref="IpfsKitStorageException">The database cannot be opened or created.</exception>
    public static async Task<OfflineOutbox> OpenAsync(OfflineOutboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxOfflineQueue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPayloadBytes);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        var db = await SqliteStore.OpenAsync(options.Path, RolesSchemas.Outbox, cancellationToken).ConfigureAwait(false);
        return new OfflineOutbox(db, options);
    }

    /// <summary>
    /// Stores <paramref name="operation"/> durably (committed and synced to disk before this returns), giving it the
    /// next <see cref="OutboxOperation.Sequence"/> and a new <see cref="OutboxOperation.IdempotencyKey"/>.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">Cancels the wait for the database; once the write started it completes.</param>
    /// <returns>The stored operation, with its sequence, key and time.</returns>
    /// <exception cref="IpfsKitOutboxFullException">The outbox holds <see cref="OfflineOutboxOptions.MaxOfflineQueue"/> operations, queued and parked.</exception>
    /// <exception cref="IpfsKitCapacityException">The payload is larger than <see cref="OfflineOutboxOptions.MaxPayloadBytes"/>.</exception>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<OutboxOperation> EnqueueAsync(OutboxOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return _queue.EnqueueAsync(operation, cancellationToken);
    }

    /// <summary>
    /// Sends every queued operation, oldest first, removing each one only after <paramref name="send"/> completed.
    /// Operations enqueued while the drain runs are sent too.
    /// </summary>
    /// <param name="send">
    /// Delivers one operation to the master. It must pass <see cref="OutboxOperation.IdempotencyKey"/> along, and the
    /// master must ignore keys it has applied: after a crash between a send and its removal, the operation is sent again.
    /// It throws <see cref="IpfsKitOperationRefusedException"/> when the master refuses the operation for good.
    /// </param>
    /// <param name="cancellationToken">Stops the drain between operations (and is passed to <paramref name="send"/>).</param>
    /// <returns>How many operations were sent and removed (parked ones not included).</returns>
    /// <exception cref="Exception">
    /// Whatever <paramref name="send"/> throws, other than <see cref="IpfsKitOperationRefusedException"/>, propagates
    /// unchanged: the drain stops at that operation, which stays at the head of the queue with everything after it, in
    /// order. Call the drain again to resume.
    /// </exception>
    /// <exception cref="IpfsKitStorageException">The database cannot be read or written.</exception>
    public Task<int> DrainAsync(Func<OutboxOperation, CancellationToken, Task> send, CancellationToken cancellationToken) =>
        DrainAsync(send, parked: null, cancellationToken);

    /// <summary>
    /// Sends every queued operation like <see cref="DrainAsync(Func{OutboxOperation, CancellationToken, Task}, CancellationToken)"/>,
    /// telling <paramref name="parked"/> about each operation <paramref name="send"/> refused for good: that operation is
    /// moved, in one transaction, from the queue to the parked operations, and the drain goes on with the next one.
    /// </summary>
    /// <param name="send">Delivers one operation; throws <see cref="IpfsKitOperationRefusedException"/> to park it.</param>
    /// <param name="parked">Told about each operation parked by this drain (after it was parked). <value>The default value is <see langword="null"/>: no one is told.</value></param>
    /// <param name="cancellationToken">Stops the drain between operations (and is passed to <paramref name="send"/>).</param>
    /// <returns>How many operations were sent and removed (parked ones not included).</returns>
    /// <exception cref="Exception">Whatever else <paramref name="send"/> throws propagates; the operation stays at the head.</exception>
    /// <exception cref="IpfsKitStorageException">The database cannot be read or written.</exception>
    public Task<int> DrainAsync(Func<OutboxOperation, CancellationToken, Task> send, Action<ParkedOperation>? parked = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        return _drain.DrainAsync(send, parked, cancellationToken);
    }

    /// <summary>Reads the oldest queued operations without removing them.</summary>
    /// <param name="maxCount">The most operations to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Up to <paramref name="maxCount"/> operations in enqueue order.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<OutboxOperation>> PeekAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return _queue.PeekAsync(maxCount, cancellationToken);
    }

    /// <summary>Counts the queued operations.</summary>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>How many operations wait to be sent.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<int> CountAsync(CancellationToken cancellationToken = default) => _queue.CountAsync(cancellationToken);

    /// <summary>Tells whether nothing waits to be sent.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns><see langword="true"/> when the outbox is empty.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) => _queue.IsEmptyAsync(cancellationToken);

    /// <summary>Closes the database after in-flight work; queued operations stay in the file.</summary>
    /// <returns>A task that completes when the database is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync().ConfigureAwait(false);
        _drain.Dispose();
    }
}
