using IpfsKit.Content;
using IpfsKit.Internal.Sqlite;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Internal;
using IpfsKit.Sharding;
using IpfsKit.Transports;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Roles.Master;

/// <summary>
/// The master's pinset (SQLite): every pin the cluster must hold, where it stands (pending, placed, failed) and the plan
/// in force, plus the idempotency keys of the forwarded operations already applied (the receipts table of
/// <see cref="OutboxReceiptLog"/>, in the same database). A key and its effect on the pinset commit in one transaction,
/// so a forwarded operation counts exactly once whatever is resent or crashes.
/// </summary>
/// <remarks>
/// Pins are keyed by their CIDv1, so a CIDv0 and its CIDv1 are one pin. A removed pin's plan is kept as retired until
/// the coordinator has released its placements on the workers; the placements repaired away from a dead worker are kept
/// as stale until that worker comes back and they are released there. Thread-safe: calls are serialised on one connection.
/// </remarks>
public sealed partial class MasterPinset : IAsyncDisposable
{
    private readonly SqliteStore _db;
    private readonly TimeProvider _time;

    private MasterPinset(SqliteStore db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    /// <summary>Opens the pinset at <paramref name="path"/> (created when missing), or in memory when null.</summary>
    /// <param name="path">The SQLite file (the master's <c>master.db</c>), or <see langword="null"/> for a private in-memory database.</param>
    /// <param name="timeProvider">The clock that stamps pins and keys. <value>The default value is <see langword="null"/>: <see cref="TimeProvider.System"/>.</value></param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The open pinset; dispose it to close the file.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be opened or created.</exception>
    public static async Task<MasterPinset> OpenAsync(string? path, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var db = await SqliteStore.OpenAsync(path, RolesSchemas.Master, cancellationToken).ConfigureAwait(false);
        return new MasterPinset(db, timeProvider ?? TimeProvider.System);
    }

    /// <summary>
    /// Adds a pin to the pinset as pending (a pin already there keeps its state unless its mode changes), once per key.
    /// </summary>
    /// <param name="cid">The root to pin.</param>
    /// <param name="mode">Recursive or direct.</param>
    /// <param name="source">Who asks: <c>local</c> or <c>forwarded</c>.</param>
    /// <param name="idempotencyKey">The forwarded operation's key, or <see langword="null"/> for a local pin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when <paramref name="idempotencyKey"/> was applied before (nothing changed); else <see langword="true"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="cid"/> is empty or <paramref name="mode"/> is indirect.</exception>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> IngestAsync(Cid cid, PinMode mode, string source, Guid? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (cid.IsEmpty || mode is not (PinMode.Recursive or PinMode.Direct))
        {
            throw new ArgumentException("A pin needs a CID and a recursive or direct mode.", nameof(cid));
        }

        return ApplyOnceAsync(idempotencyKey, "pin", cid.ToString(), async (transaction, ct) =>
        {
            using var write = _db.Command("""
                INSERT INTO pins (key, cid, mode, source, state, added_at) VALUES ($key, $cid, $mode, $source, $pending, $now)
                ON CONFLICT (key) DO UPDATE SET mode = $mode, state = $pending, error = NULL WHERE mode <> $mode;
                DELETE FROM retired_plans WHERE key = $key;
                """, transaction);
            write.Parameters.AddWithValue("$key", Key(cid));
            write.Parameters.AddWithValue("$cid", cid.ToString());
            write.Parameters.AddWithValue("$mode", (int)mode);
            write.Parameters.AddWithValue("$source", source);
            write.Parameters.AddWithValue("$pending", (int)MasterPinState.Pending);
            write.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Removes a pin, once per key; its plan, if any, is retired for the coordinator to release.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="idempotencyKey">The forwarded operation's key, or <see langword="null"/> for a local unpin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when <paramref name="idempotencyKey"/> was applied before (nothing changed); else <see langword="true"/>.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> RemoveAsync(Cid cid, Guid? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        ApplyOnceAsync(idempotencyKey, "unpin", cid.ToString(), async (transaction, ct) =>
        {
            using var write = _db.Command("""
                INSERT OR REPLACE INTO retired_plans (key, plan) SELECT key, plan FROM pins WHERE key = $key AND plan IS NOT NULL;
                DELETE FROM pins WHERE key = $key;
                DELETE FROM pin_policies WHERE key = $key;
                """, transaction);
            write.Parameters.AddWithValue("$key", Key(cid));
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Records a forwarded operation whose effect is outside the pinset (a publish), once per key.</summary>
    /// <param name="idempotencyKey">The operation's key.</param>
    /// <param name="kind">What it was (informative).</param>
    /// <param name="cid">The CID it concerned, if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the key was recorded before.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> RecordAppliedAsync(Guid idempotencyKey, string kind, string? cid = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        return ApplyOnceAsync(idempotencyKey, kind, cid, static (_, _) => Task.CompletedTask, cancellationToken);
    }

    /// <summary>Finds a forwarded operation applied before.</summary>
    /// <param name="idempotencyKey">The operation's key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A reply with <see cref="ForwardedOperationReply.Applied"/> <see langword="false"/> and the CID then recorded, or <see langword="null"/> when the key is new.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<ForwardedOperationReply?> FindAppliedAsync(Guid idempotencyKey, CancellationToken cancellationToken = default) =>
        RunAsync("the forwarded operations cannot be read", async ct =>
            await OutboxReceiptLog.FindAsync(_db, idempotencyKey, ct).ConfigureAwait(false) is (true, var cid) ? new ForwardedOperationReply(false, cid) : null,
            cancellationToken);

    /// <summary>Counts the forwarded operations applied (each key once).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of keys recorded.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<long> CountAppliedAsync(CancellationToken cancellationToken = default) =>
        RunAsync("the forwarded operations cannot be read", ct => OutboxReceiptLog.CountAsync(_db, ct), cancellationToken);

    /// <summary>Closes the database after in-flight work.</summary>
    /// <returns>A task that completes when the database is closed.</returns>
    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static string Key(Cid cid) => cid.ToV1().ToString();

    private Task<bool> ApplyOnceAsync(
        Guid? idempotencyKey, string kind, string? cid, Func<SqliteTransaction, CancellationToken, Task> apply, CancellationToken cancellationToken) =>
        RunAsync("the pinset cannot be written", async ct =>
        {
            using var transaction = _db.Connection.BeginTransaction(deferred: false);
            if (idempotencyKey is { } key && !await OutboxReceiptLog.TryRecordAsync(_db, transaction, key, kind, cid, _time.GetUtcNow()).ConfigureAwait(false))
            {
                return false;
            }

            await apply(transaction, ct).ConfigureAwait(false);
            transaction.Commit();
            return true;
        }, cancellationToken);

    private Task<T> RunAsync<T>(string failure, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _db.RunAsync(failure, work, cancellationToken);
}
