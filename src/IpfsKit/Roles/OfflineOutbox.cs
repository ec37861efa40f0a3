using IpfsKit.Content;
using IpfsKit.Internal.Sqlite;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Roles;

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
/// </remarks>
public sealed partial class OfflineOutbox : IAsyncDisposable
{
    private const string Columns = "seq, key, kind, cid, mode, topic, payload, enqueued_at";

    private const int DrainBatch = 64;

    private readonly SqliteStore _db;
    private readonly OfflineOutboxOptions _options;
    private readonly SemaphoreSlim _drainGate = new(1, 1);

    private OfflineOutbox(SqliteStore db, OfflineOutboxOptions options)
    {
        _db = db;
        _options = options;
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
    public async Task<OutboxOperation> EnqueueAsync(OutboxOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Payload.Length > _options.MaxPayloadBytes)
        {
            throw new IpfsKitCapacityException("offline outbox", operation.Payload.Length, _options.MaxPayloadBytes);
        }

        var stored = operation with
        {
            IdempotencyKey = Guid.NewGuid(),
            EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds()), // as stored
        };
        // Once the gate is taken the write completes whatever the token says: an enqueue is stored or not, never half.
        return await _db.RunAsync("the operation cannot be stored", async _ =>
        {
            using var transaction = _db.Connection.BeginTransaction(deferred: false);
            using (var count = _db.Command("SELECT (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM parked)", transaction))
            {
                if (Convert.ToInt64(await count.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) >= _options.MaxOfflineQueue)
                {
                    throw new IpfsKitOutboxFullException(_options.MaxOfflineQueue);
                }
            }

            using var insert = _db.Command(
                "INSERT INTO outbox (key, kind, cid, mode, topic, payload, enqueued_at) VALUES ($key, $kind, $cid, $mode, $topic, $payload, $at) RETURNING seq",
                transaction);
            insert.Parameters.AddWithValue("$key", stored.IdempotencyKey.ToByteArray());
            insert.Parameters.AddWithValue("$kind", (int)stored.Kind);
            insert.Parameters.AddWithValue("$cid", stored.Cid.IsEmpty ? DBNull.Value : stored.Cid.ToBytes());
            insert.Parameters.AddWithValue("$mode", (int)stored.PinMode);
            insert.Parameters.AddWithValue("$topic", (object?)stored.Topic ?? DBNull.Value);
            insert.Parameters.AddWithValue("$payload", stored.Payload.ToArray());
            insert.Parameters.AddWithValue("$at", stored.EnqueuedAt.ToUnixTimeMilliseconds());
            var sequence = (long)(await insert.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false))!;
            using (var policy = _db.Command("", transaction))
            {
                await InsertPolicyAsync(policy, stored).ConfigureAwait(false);
            }

            transaction.Commit();
            return stored with { Sequence = sequence };
        }, cancellationToken).ConfigureAwait(false);
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
    public Task<int> DrainAsync(Func<OutboxOperation, CancellationToken, Task> send, CancellationToken cancellationToken = default) =>
        DrainAsync(send, parked: null, cancellationToken);

    /// <summary>
    /// Sends every queued operation like <see cref="DrainAsync(Func{OutboxOperation, CancellationToken, Task}, CancellationToken)"/>,
    /// telling <paramref name="parked"/> about each operation <paramref name="send"/> refused for good: that operation is
    /// moved, in one transaction, from the queue to the parked operations, and the drain goes on with the next one.
    /// </summary>
    /// <param name="send">Delivers one operation; throws <see cref="IpfsKitOperationRefusedException"/> to park it.</param>
    /// <param name="parked">Told about each operation parked by this drain (after it was parked); may be null.</param>
    /// <param name="cancellationToken">Stops the drain between operations (and is passed to <paramref name="send"/>).</param>
    /// <returns>How many operations were sent and removed (parked ones not included).</returns>
    /// <exception cref="Exception">Whatever else <paramref name="send"/> throws propagates; the operation stays at the head.</exception>
    /// <exception cref="IpfsKitStorageException">The database cannot be read or written.</exception>
    public async Task<int> DrainAsync(Func<OutboxOperation, CancellationToken, Task> send, Action<ParkedOperation>? parked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        await _drainGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sent = 0;
            while (true)
            {
                var batch = await PeekAsync(DrainBatch, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return sent;
                }

                foreach (var operation in batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        await send(operation, cancellationToken).ConfigureAwait(false);
                    }
                    catch (IpfsKitOperationRefusedException refused)
                    {
                        var kept = await ParkAsync(operation, refused.Reason).ConfigureAwait(false);
                        parked?.Invoke(kept);
                        continue;
                    }

                    // Sent: remove it whatever the token says, or it would be sent again for nothing.
                    await RemoveAsync(operation.Sequence).ConfigureAwait(false);
                    sent++;
                }
            }
        }
        finally
        {
            _drainGate.Release();
        }
    }

    /// <summary>Reads the oldest queued operations without removing them.</summary>
    /// <param name="maxCount">The most operations to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Up to <paramref name="maxCount"/> operations in enqueue order.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<OutboxOperation>> PeekAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return _db.RunAsync<IReadOnlyList<OutboxOperation>>("the queue cannot be read", async ct =>
        {
            using var read = _db.Command($"SELECT {Columns}, {PolicyOf("outbox")} FROM outbox ORDER BY seq LIMIT $n");
            read.Parameters.AddWithValue("$n", maxCount);
            using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var operations = new List<OutboxOperation>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                operations.Add(ReadOperation(reader, policyOrdinal: 8));
            }

            return operations;
        }, cancellationToken);
    }

    /// <summary>Counts the queued operations.</summary>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>How many operations wait to be sent.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        (int)await ScalarAsync("SELECT COUNT(*) FROM outbox", cancellationToken).ConfigureAwait(false);

    /// <summary>Tells whether nothing waits to be sent.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns><see langword="true"/> when the outbox is empty.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) =>
        await ScalarAsync("SELECT NOT EXISTS (SELECT 1 FROM outbox)", cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>Closes the database after in-flight work; queued operations stay in the file.</summary>
    /// <returns>A task that completes when the database is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync().ConfigureAwait(false);
        _drainGate.Dispose();
    }

    /// <summary>Reads the operation at the reader's row, whose first columns are <see cref="Columns"/>, with its policy at <paramref name="policyOrdinal"/>.</summary>
    private static OutboxOperation ReadOperation(SqliteDataReader reader, int policyOrdinal)
    {
        var cid = reader.IsDBNull(3) ? default : Cid.FromBytes((byte[])reader.GetValue(3));
        var topic = reader.IsDBNull(5) ? null : reader.GetString(5);
        var payload = reader.IsDBNull(6) ? null : (byte[])reader.GetValue(6);
        return OutboxOperation.Restore((OutboxOperationKind)reader.GetInt32(2), cid, (PinMode)reader.GetInt32(4), topic, payload, ReadPolicy(reader, policyOrdinal)) with
        {
            Sequence = reader.GetInt64(0),
            IdempotencyKey = new Guid((byte[])reader.GetValue(1)),
            EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        };
    }

    private Task<int> RemoveAsync(long sequence) =>
        _db.RunAsync("a sent operation cannot be removed", async _ =>
        {
            using var transaction = _db.Connection.BeginTransaction(deferred: false);
            using var delete = _db.Command(
                "DELETE FROM outbox_policies WHERE key = (SELECT key FROM outbox WHERE seq = $seq); DELETE FROM outbox WHERE seq = $seq", transaction);
            delete.Parameters.AddWithValue("$seq", sequence);
            var removed = await delete.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            transaction.Commit();
            return removed;
        }, CancellationToken.None);

    private Task<long> ScalarAsync(string sql, CancellationToken cancellationToken) =>
        _db.RunAsync("the queue cannot be read", async ct =>
        {
            using var command = _db.Command(sql);
            return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);
}
