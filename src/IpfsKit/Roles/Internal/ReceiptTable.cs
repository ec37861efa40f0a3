using IpfsKit.Roles.Leecher;
using IpfsKit.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Roles.Internal;

/// <summary>
/// The receipts of forwarded operations (table <c>outbox_receipts</c> of the master's database): each idempotency key
/// applied, when, and optionally what kind of operation on what subject. Shared by <see cref="OutboxReceiptLog"/> and the
/// master's pinset; a key and its effect commit in one transaction, so an operation counts exactly once.
/// </summary>
internal static class ReceiptTable
{
    /// <summary>
    /// Applies <paramref name="apply"/> once per key: in one immediate transaction, the key is recorded (unless
    /// <paramref name="key"/> is null) and the effect written, or neither when the key was recorded before.
    /// </summary>
    /// <returns><see langword="false"/> when the key was applied before (nothing done); else <see langword="true"/>.</returns>
    public static Task<bool> ApplyOnceAsync(
        SqliteStore store,
        Guid? key,
        string? kind,
        string? subject,
        DateTimeOffset at,
        string failure,
        Func<SqliteTransaction, CancellationToken, Task> apply,
        CancellationToken cancellationToken) =>
        store.RunAsync(failure, async ct =>
        {
            using var transaction = store.Connection.BeginTransaction(deferred: false);
            if (key is { } k && !await TryRecordAsync(store, transaction, k, kind, subject, at).ConfigureAwait(false))
            {
                return false;
            }

            await apply(transaction, ct).ConfigureAwait(false);
            transaction.Commit();
            return true;
        }, cancellationToken);

    /// <summary>Records <paramref name="key"/> unless it is there: the one write of every receipt, in the caller's transaction.</summary>
    /// <returns><see langword="true"/> when recorded now; <see langword="false"/> when it was recorded before.</returns>
    public static async Task<bool> TryRecordAsync(SqliteStore store, SqliteTransaction? transaction, Guid key, string? kind, string? subject, DateTimeOffset at)
    {
        using var write = store.Command(
            "INSERT INTO outbox_receipts (key, applied_at, kind, subject) VALUES ($key, $at, $kind, $subject) ON CONFLICT DO NOTHING", transaction);
        write.Parameters.AddWithValue("$key", key.ToByteArray());
        write.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        write.Parameters.AddWithValue("$kind", (object?)kind ?? DBNull.Value);
        write.Parameters.AddWithValue("$subject", (object?)subject ?? DBNull.Value);
        return await write.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 1;
    }

    /// <summary>Finds a receipt; the caller runs inside the store's gate.</summary>
    /// <returns>Whether the key was applied, and the subject recorded with it.</returns>
    public static async Task<(bool Found, string? Subject)> FindAsync(SqliteStore store, Guid key, CancellationToken cancellationToken)
    {
        using var read = store.Command("SELECT subject FROM outbox_receipts WHERE key = $key");
        read.Parameters.AddWithValue("$key", key.ToByteArray());
        using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (true, reader.IsDBNull(0) ? null : reader.GetString(0)) : (false, null);
    }

    /// <summary>Counts the receipts; the caller runs inside the store's gate.</summary>
    public static async Task<long> CountAsync(SqliteStore store, CancellationToken cancellationToken)
    {
        using var read = store.Command("SELECT COUNT(*) FROM outbox_receipts");
        return (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
