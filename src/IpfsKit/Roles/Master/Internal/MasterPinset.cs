using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Internal;
using IpfsKit.Roles.Leecher;
using IpfsKit.Roles.Master.Internal.Pinset;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Roles.Master.Internal;

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
/// A facade over one table type each (<c>Roles/Master/Internal/Pinset</c>) sharing one SQLite store.
/// </remarks>
internal sealed partial class MasterPinset : IAsyncDisposable
{
    private readonly SqliteStore _db;
    private readonly TimeProvider _time;
    private readonly PlacementRevision _revision = new();

    private MasterPinset(SqliteStore db, TimeProvider time)
    {
        _db = db;
        _time = time;
        Pins = new PinTable(db, _revision, time);
        Policies = new PinPolicyTable(db);
        Retired = new RetiredPlanTable(db);
        Stale = new StalePlacementTable(db, _revision);
        Spool = new SpoolPlacementTable(db);
        Interior = new InteriorHoldTable(db);
    }

    /// <summary>Gets the pins and their plans in force.</summary>
    internal PinTable Pins { get; }

    /// <summary>Gets the spool placements of the adds the master streams.</summary>
    internal SpoolPlacementTable Spool { get; }

    /// <summary>Gets the number of plan and stale-placement writes this instance has made (in memory, from 0 at open).</summary>
    internal long Revision => _revision.Value;

    private PinPolicyTable Policies { get; }

    private RetiredPlanTable Retired { get; }

    private StalePlacementTable Stale { get; }

    private InteriorHoldTable Interior { get; }

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
        return ReceiptTable.ApplyOnceAsync(
            _db, idempotencyKey, kind, cid, _time.GetUtcNow(), "the pinset cannot be written", static (_, _) => Task.CompletedTask, cancellationToken);
    }

    /// <summary>Finds a forwarded operation applied before.</summary>
    /// <param name="idempotencyKey">The operation's key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A reply with <see cref="ForwardedOperationReply.Applied"/> <see langword="false"/> and the CID then recorded, or <see langword="null"/> when the key is new.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<ForwardedOperationReply?> FindAppliedAsync(Guid idempotencyKey, CancellationToken cancellationToken = default) =>
        _db.RunAsync("the forwarded operations cannot be read", async ct =>
            await ReceiptTable.FindAsync(_db, idempotencyKey, ct).ConfigureAwait(false) is (true, var cid) ? new ForwardedOperationReply(false, cid) : null,
            cancellationToken);

    /// <summary>Counts the forwarded operations applied (each key once).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of keys recorded.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<long> CountAppliedAsync(CancellationToken cancellationToken = default) =>
        _db.RunAsync("the forwarded operations cannot be read", ct => ReceiptTable.CountAsync(_db, ct), cancellationToken);

    /// <summary>Closes the database after in-flight work.</summary>
    /// <returns>A task that completes when the database is closed.</returns>
    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
