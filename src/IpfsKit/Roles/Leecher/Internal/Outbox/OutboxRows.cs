using System.Text.Json;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination.Internal;
using IpfsKit.Sqlite.Internal;
using IpfsKit.Transports;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Roles.Leecher.Internal.Outbox;

/// <summary>
/// How an <see cref="OutboxOperation"/> is a row: the same columns in the queue (<c>outbox</c>) and among the parked
/// ones (<c>parked</c>), and its pin policy (<see cref="OutboxOperation.Policy"/>) in <c>outbox_policies</c>, one JSON row
/// for each key that has one. A policy follows its operation's key through parking and requeueing, and is removed with
/// the operation once sent.
/// </summary>
internal static class OutboxRows
{
    /// <summary>The columns of an operation, in the order <see cref="Read"/> expects.</summary>
    public const string Columns = "seq, key, kind, cid, mode, topic, payload, enqueued_at";

    /// <summary>The policy of the row of <paramref name="table"/>, as one more selected column.</summary>
    public static string PolicyOf(string table) => $"(SELECT policy FROM outbox_policies p WHERE p.key = {table}.key)";

    /// <summary>Reads the operation at the reader's row, whose first columns are <see cref="Columns"/>, with its policy at <paramref name="policyOrdinal"/>.</summary>
    public static OutboxOperation Read(SqliteDataReader reader, int policyOrdinal)
    {
        var cid = reader.IsDBNull(3) ? default : Cid.FromBytes((byte[])reader.GetValue(3));
        var topic = reader.IsDBNull(5) ? null : reader.GetString(5);
        var payload = reader.IsDBNull(6) ? null : (byte[])reader.GetValue(6);
        var policy = reader.IsDBNull(policyOrdinal) ? null : JsonSerializer.Deserialize(reader.GetString(policyOrdinal), CoordinationJsonContext.Default.PinOptions);
        return OutboxOperation.Restore((OutboxOperationKind)reader.GetInt32(2), cid, (PinMode)reader.GetInt32(4), topic, payload, policy) with
        {
            Sequence = reader.GetInt64(0),
            IdempotencyKey = new Guid((byte[])reader.GetValue(1)),
            EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        };
    }

    /// <summary>Reads up to <paramref name="maxCount"/> rows of <paramref name="sql"/> (whose limit is <c>$n</c>), each mapped by <paramref name="map"/>.</summary>
    public static Task<IReadOnlyList<T>> ReadAsync<T>(
        SqliteStore store, string sql, int maxCount, Func<SqliteDataReader, T> map, string failure, CancellationToken cancellationToken) =>
        store.RunAsync<IReadOnlyList<T>>(failure, async ct =>
        {
            using var read = store.Command(sql);
            read.Parameters.AddWithValue("$n", maxCount);
            using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }

            return rows;
        }, cancellationToken);

    /// <summary>Inserts an operation into the queue, with its policy, in <paramref name="transaction"/>.</summary>
    /// <returns>Its sequence.</returns>
    public static async Task<long> InsertAsync(SqliteStore store, SqliteTransaction transaction, OutboxOperation operation)
    {
        using var insert = store.Command(
            "INSERT INTO outbox (key, kind, cid, mode, topic, payload, enqueued_at) VALUES ($key, $kind, $cid, $mode, $topic, $payload, $at) RETURNING seq",
            transaction);
        insert.Parameters.AddWithValue("$key", operation.IdempotencyKey.ToByteArray());
        insert.Parameters.AddWithValue("$kind", (int)operation.Kind);
        insert.Parameters.AddWithValue("$cid", operation.Cid.IsEmpty ? DBNull.Value : operation.Cid.ToBytes());
        insert.Parameters.AddWithValue("$mode", (int)operation.PinMode);
        insert.Parameters.AddWithValue("$topic", (object?)operation.Topic ?? DBNull.Value);
        insert.Parameters.AddWithValue("$payload", operation.Payload.ToArray());
        insert.Parameters.AddWithValue("$at", operation.EnqueuedAt.ToUnixTimeMilliseconds());
        var sequence = (long)(await insert.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false))!;
        if (operation.Policy is { } policy)
        {
            using var write = store.Command("INSERT OR REPLACE INTO outbox_policies (key, policy) VALUES ($key, $policy)", transaction);
            write.Parameters.AddWithValue("$key", operation.IdempotencyKey.ToByteArray());
            write.Parameters.AddWithValue("$policy", JsonSerializer.Serialize(policy, CoordinationJsonContext.Default.PinOptions));
            await write.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return sequence;
    }

    /// <summary>Runs a <c>COUNT</c>-like query.</summary>
    public static Task<long> ScalarAsync(SqliteStore store, string sql, string failure, CancellationToken cancellationToken) =>
        store.RunAsync(failure, async ct =>
        {
            using var command = store.Command(sql);
            return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);
}
