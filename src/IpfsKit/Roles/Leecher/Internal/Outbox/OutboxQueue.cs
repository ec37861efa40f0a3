using System.Globalization;
using IpfsKit.Errors;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Roles.Leecher.Internal.Outbox;

/// <summary>
/// The queue of the offline outbox (table <c>outbox</c>): operations stored durably in enqueue order, bounded together
/// with the parked ones by <see cref="OfflineOutboxOptions.MaxOfflineQueue"/>, read from the head and removed once sent.
/// </summary>
internal sealed class OutboxQueue(SqliteStore store, OfflineOutboxOptions options)
{
    /// <summary>Stores an operation, giving it a sequence, a new key and the time; once the gate is taken the write completes whatever the token says.</summary>
    /// <exception cref="IpfsKitOutboxFullException">The outbox is full.</exception>
    /// <exception cref="IpfsKitCapacityException">The payload is too large.</exception>
    public Task<OutboxOperation> EnqueueAsync(OutboxOperation operation, CancellationToken cancellationToken)
    {
        if (operation.Payload.Length > options.MaxPayloadBytes)
        {
            throw new IpfsKitCapacityException("offline outbox", operation.Payload.Length, options.MaxPayloadBytes);
        }

        var stored = operation with
        {
            IdempotencyKey = Guid.NewGuid(),
            EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds()), // as stored
        };

        // An enqueue is stored or not, never half: the work ignores the token once it runs.
        return store.InTransactionAsync("the operation cannot be stored", async (transaction, _) =>
        {
            using (var count = store.Command("SELECT (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM parked)", transaction))
            {
                if (Convert.ToInt64(await count.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false), CultureInfo.InvariantCulture) >= options.MaxOfflineQueue)
                {
                    throw new IpfsKitOutboxFullException(options.MaxOfflineQueue);
                }
            }

            return stored with { Sequence = await OutboxRows.InsertAsync(store, transaction, stored).ConfigureAwait(false) };
        }, cancellationToken);
    }

    /// <summary>Reads up to <paramref name="maxCount"/> of the oldest operations without removing them.</summary>
    public Task<IReadOnlyList<OutboxOperation>> PeekAsync(int maxCount, CancellationToken cancellationToken) =>
        OutboxRows.ReadAsync(
            store,
            $"SELECT {OutboxRows.Columns}, {OutboxRows.PolicyOf("outbox")} FROM outbox ORDER BY seq LIMIT $n",
            maxCount,
            reader => OutboxRows.Read(reader, policyOrdinal: 8),
            "the queue cannot be read",
            cancellationToken);

    /// <summary>Removes a sent operation and its policy; not cancellable (it would be sent again for nothing).</summary>
    public Task<int> RemoveAsync(long sequence) =>
        store.InTransactionAsync("a sent operation cannot be removed", async (transaction, _) =>
        {
            using var delete = store.Command(
                "DELETE FROM outbox_policies WHERE key = (SELECT key FROM outbox WHERE seq = $seq); DELETE FROM outbox WHERE seq = $seq", transaction);
            delete.Parameters.AddWithValue("$seq", sequence);
            return await delete.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }, CancellationToken.None);

    /// <summary>Counts the queued operations.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        (int)await OutboxRows.ScalarAsync(store, "SELECT COUNT(*) FROM outbox", "the queue cannot be read", cancellationToken).ConfigureAwait(false);

    /// <summary>Tells whether nothing waits to be sent.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        await OutboxRows.ScalarAsync(store, "SELECT NOT EXISTS (SELECT 1 FROM outbox)", "the queue cannot be read", cancellationToken).ConfigureAwait(false) == 1;
}
