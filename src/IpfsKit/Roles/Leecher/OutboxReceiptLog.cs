using IpfsKit.Errors;
using IpfsKit.Roles.Internal;
using IpfsKit.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Roles.Leecher;

/// <summary>
/// The master's side of exactly-once delivery from an <see cref="OfflineOutbox"/>: a SQLite table of the
/// <see cref="OutboxOperation.IdempotencyKey"/>s already applied (WAL, <c>synchronous = FULL</c>). An outbox may send an
/// operation again after a crash; <see cref="TryApplyAsync(Guid, Func{SqliteTransaction, CancellationToken, Task}, CancellationToken)"/>
/// applies each key at most once.
/// </summary>
/// <remarks>Thread-safe: applies are serialised, in this process by a gate and across processes by SQLite's write lock.</remarks>
public sealed class OutboxReceiptLog : IAsyncDisposable
{
    private readonly SqliteStore _db;
    private readonly TimeProvider _time;

    private OutboxReceiptLog(SqliteStore db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    /// <summary>Opens the receipt log at <paramref name="path"/> (created when missing), or in memory when null.</summary>
    /// <param name="path">The SQLite file; it may be the master's own database, so applies can write there atomically.</param>
    /// <param name="timeProvider">The clock that stamps receipts; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The open log; dispose it to close the file.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be opened or created.</exception>
    public static async Task<OutboxReceiptLog> OpenAsync(string? path, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var db = await SqliteStore.OpenAsync(path, RolesSchemas.Master, cancellationToken).ConfigureAwait(false);
        return new OutboxReceiptLog(db, timeProvider ?? TimeProvider.System);
    }

    /// <summary>
    /// Applies an operation exactly once when its effect is a write to this database: <paramref name="apply"/> runs in the
    /// same transaction that records <paramref name="key"/>, so both commit or neither does, whatever crashes when.
    /// </summary>
    /// <param name="key">The operation's <see cref="OutboxOperation.IdempotencyKey"/>.</param>
    /// <param name="apply">Writes the effect using the given transaction (and its <see cref="SqliteTransaction.Connection"/>); it must not commit.</param>
    /// <param name="cancellationToken">Cancels the wait and is passed to <paramref name="apply"/>.</param>
    /// <returns><see langword="true"/> when applied now; <see langword="false"/> when the key was applied before (nothing done).</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    /// <remarks>When <paramref name="apply"/> throws, nothing is recorded and the exception propagates.</remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Overloads by the kind of effect (a write in this database's transaction, or an effect outside it), each ending with the optional token (the BCL's shape).")]
    public Task<bool> TryApplyAsync(Guid key, Func<SqliteTransaction, CancellationToken, Task> apply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return ReceiptTable.ApplyOnceAsync(_db, key, null, null, _time.GetUtcNow(), "a receipt cannot be recorded", apply, cancellationToken);
    }

    /// <summary>
    /// Applies an operation whose effect is outside this database, at most once per key as long as the process does not
    /// crash: the key is recorded after <paramref name="apply"/> completed.
    /// </summary>
    /// <param name="key">The operation's <see cref="OutboxOperation.IdempotencyKey"/>.</param>
    /// <param name="apply">Performs the effect.</param>
    /// <param name="cancellationToken">Cancels the wait for the log.</param>
    /// <returns><see langword="true"/> when applied now; <see langword="false"/> when the key was applied before.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    /// <remarks>
    /// A crash after <paramref name="apply"/> and before the key is recorded leaves a window: the effect happened but the
    /// key is unknown, so a resend applies it again. Make such effects idempotent themselves (pinning a pinned CID is), or
    /// use the transactional overload when the effect is a write to this database.
    /// </remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Overloads by the kind of effect (a write in this database's transaction, or an effect outside it), each ending with the optional token (the BCL's shape).")]
    public Task<bool> TryApplyAsync(Guid key, Func<Task> apply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return _db.RunAsync("a receipt cannot be recorded", async ct =>
        {
            if ((await ReceiptTable.FindAsync(_db, key, ct).ConfigureAwait(false)).Found)
            {
                return false;
            }

            await apply().ConfigureAwait(false);
            await ReceiptTable.TryRecordAsync(_db, null, key, null, null, _time.GetUtcNow()).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Tells whether <paramref name="key"/> was applied.</summary>
    /// <param name="key">An idempotency key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns><see langword="true"/> when the key is recorded.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public async Task<bool> ContainsAsync(Guid key, CancellationToken cancellationToken = default) =>
        (await _db.RunAsync("the receipts cannot be read", ct => ReceiptTable.FindAsync(_db, key, ct), cancellationToken).ConfigureAwait(false)).Found;

    /// <summary>Closes the database after in-flight work.</summary>
    /// <returns>A task that completes when the database is closed.</returns>
    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
