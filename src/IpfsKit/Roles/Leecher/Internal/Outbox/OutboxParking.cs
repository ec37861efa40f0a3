using IpfsKit.Diagnostics.Internal;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Roles.Leecher.Internal.Outbox;

/// <summary>
/// The parked operations of the offline outbox (table <c>parked</c>): refused for good by the master, kept with its
/// reason (they count against the bound) until requeued at the end of the queue with their original keys.
/// </summary>
internal sealed class OutboxParking(SqliteStore store, TimeProvider time, IpfsKitMetrics metrics)
{
    /// <summary>Moves a queued operation to the parked ones in one transaction: at every instant it is in exactly one of them. Not cancellable.</summary>
    public async Task<ParkedOperation> ParkAsync(OutboxOperation operation, string reason)
    {
        var parked = new ParkedOperation(operation, reason, DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()));
        await store.InTransactionAsync("a refused operation cannot be parked", async (transaction, _) =>
        {
            using var insert = store.Command(
                $"INSERT INTO parked ({OutboxRows.Columns}, parked_at, reason) SELECT {OutboxRows.Columns}, $at, $reason FROM outbox WHERE seq = $seq",
                transaction);
            insert.Parameters.AddWithValue("$seq", operation.Sequence);
            insert.Parameters.AddWithValue("$at", parked.ParkedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$reason", reason);
            await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            using var delete = store.Command("DELETE FROM outbox WHERE seq = $seq", transaction);
            delete.Parameters.AddWithValue("$seq", operation.Sequence);
            await delete.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }, CancellationToken.None).ConfigureAwait(false);
        metrics.ParkedOperations.Add(1, new KeyValuePair<string, object?>("kind", operation.Kind.ToString()));
        return parked;
    }

    /// <summary>Lists up to <paramref name="maxCount"/> parked operations, oldest enqueue first.</summary>
    public Task<IReadOnlyList<ParkedOperation>> ListAsync(int maxCount, CancellationToken cancellationToken) =>
        OutboxRows.ReadAsync(
            store,
            $"SELECT {OutboxRows.Columns}, parked_at, reason, {OutboxRows.PolicyOf("parked")} FROM parked ORDER BY seq LIMIT $n",
            maxCount,
            reader => new ParkedOperation(OutboxRows.Read(reader, policyOrdinal: 10), reader.GetString(9), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8))),
            "the parked operations cannot be read",
            cancellationToken);

    /// <summary>Counts the parked operations.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        (int)await OutboxRows.ScalarAsync(store, "SELECT COUNT(*) FROM parked", "the queue cannot be read", cancellationToken).ConfigureAwait(false);

    /// <summary>Moves the parked operation of <paramref name="key"/>, or all when null, back to the end of the queue in enqueue order.</summary>
    /// <returns>How many operations were requeued.</returns>
    public Task<int> RequeueAsync(Guid? key, CancellationToken cancellationToken)
    {
        var where = key is null ? string.Empty : "WHERE key = $key";
        return store.InTransactionAsync("the parked operations cannot be requeued", async (transaction, _) =>
        {
            using var insert = store.Command(
                $"INSERT INTO outbox (key, kind, cid, mode, topic, payload, enqueued_at) SELECT key, kind, cid, mode, topic, payload, enqueued_at FROM parked {where} ORDER BY seq",
                transaction);
            using var delete = store.Command($"DELETE FROM parked {where}", transaction);
            if (key is { } k)
            {
                insert.Parameters.AddWithValue("$key", k.ToByteArray());
                delete.Parameters.AddWithValue("$key", k.ToByteArray());
            }

            var moved = await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            await delete.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            return moved;
        }, cancellationToken);
    }
}
