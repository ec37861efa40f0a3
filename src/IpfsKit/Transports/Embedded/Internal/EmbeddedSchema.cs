using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Transports.Embedded.Internal;

/// <summary>
/// The embedded node's SQLite file, <c>pins.db</c> beside the blocks: the pinset (<c>pins</c>, <c>pin_blocks</c>,
/// <c>refs</c>) and the node's identity seed (<c>meta</c>). Migration 1 is the tables as written before schema versioning.
/// </summary>
internal static class EmbeddedSchema
{
    /// <summary>The file name of the database in the storage folder.</summary>
    public const string FileName = "pins.db";

    /// <summary>The schema.</summary>
    public static readonly SqliteSchema Schema = new("the pinset database",
    [
        """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS pins (cid BLOB NOT NULL, mode INTEGER NOT NULL, PRIMARY KEY (cid, mode));
        CREATE TABLE IF NOT EXISTS pin_blocks (root BLOB NOT NULL, block BLOB NOT NULL, PRIMARY KEY (root, block)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS refs (cid BLOB PRIMARY KEY, count INTEGER NOT NULL CHECK (count > 0)) WITHOUT ROWID;
        """,
    ]);

    /// <summary>Opens (and creates when missing) the database of a storage folder, or an in-memory one when null.</summary>
    public static Task<SqliteStore> OpenAsync(string? folder, CancellationToken cancellationToken) =>
        SqliteStore.OpenAsync(folder is null ? null : Path.Combine(folder, FileName), Schema, cancellationToken);
}
