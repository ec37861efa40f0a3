using IpfsKit.Roles.Leecher;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Roles.Internal;

/// <summary>
/// The schemas of the roles' SQLite files. Migration 1 of each is the tables as the code wrote them before schema
/// versioning (all <c>IF NOT EXISTS</c>), so files made then open unchanged; append a migration to change a table.
/// </summary>
internal static class RolesSchemas
{
    /// <summary>
    /// The master's <c>master.db</c>: the membership (<c>workers</c>, <c>worker_tags</c>, <c>member_kinds</c>), the pinset
    /// (<c>pins</c>, <c>retired_plans</c>, <c>pin_policies</c>, <c>stale_placements</c>, <c>spool_placements</c>,
    /// <c>interior_holds</c>) and the receipts of forwarded operations (<c>outbox_receipts</c>). A standalone
    /// <see cref="OutboxReceiptLog"/> has this schema too, so it may share the master's file.
    /// </summary>
    public static readonly SqliteSchema Master = new("the master database",
    [
        """
        CREATE TABLE IF NOT EXISTS outbox_receipts (key BLOB PRIMARY KEY, applied_at INTEGER NOT NULL, kind TEXT NULL, subject TEXT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS interior_holds (root TEXT NOT NULL, block TEXT NOT NULL, PRIMARY KEY (root, block)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS interior_holds_block ON interior_holds (block);
        CREATE TABLE IF NOT EXISTS spool_placements (add_id TEXT NOT NULL, key TEXT NOT NULL, plan TEXT NOT NULL, PRIMARY KEY (add_id, key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS pins (
            key TEXT PRIMARY KEY, cid TEXT NOT NULL, mode INTEGER NOT NULL, source TEXT NOT NULL, state INTEGER NOT NULL,
            plan TEXT NULL, error TEXT NULL, added_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS retired_plans (key TEXT PRIMARY KEY, plan TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS pin_policies (key TEXT PRIMARY KEY, policy TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS stale_placements (target TEXT NOT NULL, key TEXT NOT NULL, plan TEXT NOT NULL, PRIMARY KEY (target, key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS workers (
            id TEXT PRIMARY KEY, api_url TEXT NOT NULL, zone TEXT NULL, capacity INTEGER NOT NULL, free INTEGER NOT NULL,
            pins INTEGER NOT NULL, state INTEGER NOT NULL, joined_at INTEGER NOT NULL, last_beat INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS worker_tags (id TEXT PRIMARY KEY, tags TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS member_kinds (id TEXT PRIMARY KEY, kind INTEGER NOT NULL, members INTEGER NOT NULL);
        """,
    ]);

    /// <summary>
    /// The leecher's offline outbox: the queue (<c>outbox</c>), the operations the master refused (<c>parked</c>, the
    /// same columns plus when and why) and the pin policies of queued or parked operations (<c>outbox_policies</c>).
    /// </summary>
    public static readonly SqliteSchema Outbox = new("the offline outbox database",
    [
        "CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, " + OperationColumns + ");"
        + "CREATE TABLE IF NOT EXISTS parked (seq INTEGER PRIMARY KEY, " + OperationColumns + ", parked_at INTEGER NOT NULL, reason TEXT NOT NULL);"
        + "CREATE TABLE IF NOT EXISTS outbox_policies (key BLOB PRIMARY KEY, policy TEXT NOT NULL);",
    ]);

    /// <summary>The columns of an operation, the same in the queue and among the parked ones.</summary>
    private const string OperationColumns =
        "key BLOB NOT NULL UNIQUE, kind INTEGER NOT NULL, cid BLOB, mode INTEGER NOT NULL, topic TEXT, payload BLOB, enqueued_at INTEGER NOT NULL";
}
