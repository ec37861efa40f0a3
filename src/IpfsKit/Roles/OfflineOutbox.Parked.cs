using IpfsKit.Diagnostics.Internal;
using IpfsKit.Diagnostics;

namespace IpfsKit.Roles;

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
        return _db.RunAsync<IReadOnlyList<ParkedOperation>>("the parked operations cannot be read", async ct =>
        {
            using var read = _db.Command($"SELECT {Columns}, parked_at, reason, {PolicyOf("parked")} FROM parked ORDER BY seq LIMIT $n");
            read.Parameters.AddWithValue("$n", maxCount);
            using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var parked = new List<ParkedOperation>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                parked.Add(new(ReadOperation(reader, policyOrdinal: 10), reader.GetString(9), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8))));
            }

            return parked;
        }, cancellationToken);
    }

    /// <summary>Counts the parked operations.</summary>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>How many operations the master refused and wait to be requeued.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public async Task<int> CountParkedAsync(CancellationToken cancellationToken = default) =>
        (int)await ScalarAsync("SELECT COUNT(*) FROM parked", cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Moves a parked operation back to the end of the queue, with its original key, so the next drain sends it again
    /// (after whatever made the master refuse it was mended).
    /// </summary>
    /// <param name="idempotencyKey">The key of the parked operation.</param>
    /// <param name="cancellationToken">Cancels the wait for the database; once the move started it completes.</param>
    /// <returns><see langword="true"/> when it was parked and is now queued; <see langword="false"/> when no parked operation has that key.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public async Task<bool> RequeueParkedAsync(Guid idempotencyKey, CancellationToken cancellationToken = default) =>
        await RequeueAsync("WHERE key = $key", idempotencyKey.ToByteArray(), cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>Moves every parked operation back to the end of the queue, in their enqueue order, with their keys.</summary>
    /// <param name="cancellationToken">Cancels the wait for the database; once the move started it completes.</param>
    /// <returns>How many operations were requeued.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<int> RequeueAllParkedAsync(CancellationToken cancellationToken = default) =>
        RequeueAsync("", null, cancellationToken);

    private Task<int> RequeueAsync(string where, byte[]? key, CancellationToken cancellationToken) =>
        _db.RunAsync("the parked operations cannot be requeued", async _ =>
        {
            using var transaction = _db.Connection.BeginTransaction(deferred: false);
            using var insert = _db.Command(
                $"INSERT INTO outbox (key, kind, cid, mode, topic, payload, enqueued_at) SELECT key, kind, cid, mode, topic, payload, enqueued_at FROM parked {where} ORDER BY seq",
                transaction);
            using var delete = _db.Command($"DELETE FROM parked {where}", transaction);
            if (key is not null)
            {
                insert.Parameters.AddWithValue("$key", key);
                delete.Parameters.AddWithValue("$key", key);
            }

            var moved = await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            await delete.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            transaction.Commit();
            return moved;
        }, cancellationToken);

    /// <summary>Moves a queued operation to the parked ones in one transaction: at every instant it is in exactly one of them.</summary>
    private async Task<ParkedOperation> ParkAsync(OutboxOperation operation, string reason)
    {
        var parked = new ParkedOperation(operation, reason, DateTimeOffset.FromUnixTimeMilliseconds(_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds()));
        await _db.RunAsync("a refused operation cannot be parked", async _ =>
        {
            using var transaction = _db.Connection.BeginTransaction(deferred: false);
            using var insert = _db.Command(
                $"INSERT INTO parked ({Columns}, parked_at, reason) SELECT {Columns}, $at, $reason FROM outbox WHERE seq = $seq",
                transaction);
            insert.Parameters.AddWithValue("$seq", operation.Sequence);
            insert.Parameters.AddWithValue("$at", parked.ParkedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$reason", reason);
            await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            using var delete = _db.Command("DELETE FROM outbox WHERE seq = $seq", transaction);
            delete.Parameters.AddWithValue("$seq", operation.Sequence);
            await delete.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            transaction.Commit();
            return true;
        }, CancellationToken.None).ConfigureAwait(false);
        (_options.Metrics ?? IpfsKitMetrics.Shared).ParkedOperations.Add(1, new KeyValuePair<string, object?>("kind", operation.Kind.ToString()));
        return parked;
    }
}
