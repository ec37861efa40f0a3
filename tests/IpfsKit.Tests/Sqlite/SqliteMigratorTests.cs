using IpfsKit.Errors;
using IpfsKit.Roles.Internal;
using IpfsKit.Sharding.Execution.Internal;
using IpfsKit.Sqlite.Internal;
using IpfsKit.Transports.Embedded.Internal;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Tests.Sqlite;

[Trait("Category", "Storage")]
public sealed class SqliteMigratorTests : IDisposable
{
    /// <summary>
    /// The statements each database was created with before schema versioning (copied from that code, with its
    /// pragmas), for files made by it: they must open unchanged.
    /// </summary>
    public static readonly TheoryData<string> Databases = ["master", "outbox", "pins", "shards"];

    private const string OperationColumns =
        "key BLOB NOT NULL UNIQUE, kind INTEGER NOT NULL, cid BLOB, mode INTEGER NOT NULL, topic TEXT, payload BLOB, enqueued_at INTEGER NOT NULL";

    private static readonly Dictionary<string, (string Old, SqliteSchema Schema)> Before = new()
    {
        ["master"] = ("""
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;
            CREATE TABLE IF NOT EXISTS workers (
                id TEXT PRIMARY KEY, api_url TEXT NOT NULL, zone TEXT NULL, capacity INTEGER NOT NULL, free INTEGER NOT NULL,
                pins INTEGER NOT NULL, state INTEGER NOT NULL, joined_at INTEGER NOT NULL, last_beat INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS worker_tags (id TEXT PRIMARY KEY, tags TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS member_kinds (id TEXT PRIMARY KEY, kind INTEGER NOT NULL, members INTEGER NOT NULL);
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
            INSERT INTO pins VALUES ('k', 'c', 0, 'local', 0, NULL, NULL, 0);
            """, RolesSchemas.Master),
        ["outbox"] = ("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;"
            + "CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, " + OperationColumns + ");"
            + "CREATE TABLE IF NOT EXISTS parked (seq INTEGER PRIMARY KEY, " + OperationColumns + ", parked_at INTEGER NOT NULL, reason TEXT NOT NULL);"
            + "CREATE TABLE IF NOT EXISTS outbox_policies (key BLOB PRIMARY KEY, policy TEXT NOT NULL);"
            + "INSERT INTO outbox (key, kind, mode, enqueued_at) VALUES (x'01', 0, 0, 0);", RolesSchemas.Outbox),
        ["pins"] = ("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS pins (cid BLOB NOT NULL, mode INTEGER NOT NULL, PRIMARY KEY (cid, mode));
            CREATE TABLE IF NOT EXISTS pin_blocks (root BLOB NOT NULL, block BLOB NOT NULL, PRIMARY KEY (root, block)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS refs (cid BLOB PRIMARY KEY, count INTEGER NOT NULL CHECK (count > 0)) WITHOUT ROWID;
            INSERT INTO pins VALUES (x'01', 0);
            """, EmbeddedSchema.Schema),
        ["shards"] = ("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS shard_pins (
                plan_root TEXT NOT NULL, target TEXT NOT NULL, replica INTEGER NOT NULL, pin_cid TEXT NOT NULL,
                recursive INTEGER NOT NULL, state TEXT NOT NULL, updated TEXT NOT NULL,
                PRIMARY KEY (plan_root, target, replica, pin_cid)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS shard_placements (
                plan_root TEXT NOT NULL, target TEXT NOT NULL, replica INTEGER NOT NULL, first_leaf INTEGER NOT NULL,
                leaf_count INTEGER NOT NULL, state TEXT NOT NULL, error TEXT, updated TEXT NOT NULL,
                PRIMARY KEY (plan_root, target, replica, first_leaf, leaf_count)) WITHOUT ROWID;
            INSERT INTO shard_pins VALUES ('r', 't', 0, 'c', 1, 'pinned', 'now');
            """, ShardProgressStore.Schema),
    };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task OpenAsync_FileMadeBeforeVersioning_OpensUnchangedAtVersionOne(string database)
    {
        var (old, schema) = Before[database];
        var path = Path.Combine(_folder.Path, database + ".db");
        await ExecuteAsync(path, old);
        var tablesBefore = await ReadAsync(path, "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY name");

        await using (var store = await SqliteStore.OpenAsync(path, schema, default))
        {
            Assert.Equal(1L, await SqliteStoreTests.ScalarAsync(store, "PRAGMA user_version"));
        }

        Assert.Equal(tablesBefore, await ReadAsync(path, "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY name"));
        Assert.Equal(["1"], await ReadAsync(path, $"SELECT COUNT(*) FROM {(database == "shards" ? "shard_pins" : database == "outbox" ? "outbox" : "pins")}"));
    }

    [Fact]
    public async Task OpenAsync_VersionZeroFile_RunsEveryMigrationInOrder()
    {
        var path = Path.Combine(_folder.Path, "a.db");
        await ExecuteAsync(path, "CREATE TABLE IF NOT EXISTS items (n INTEGER NOT NULL); INSERT INTO items VALUES (7);");
        var schema = new SqliteSchema("the test database",
            ["CREATE TABLE IF NOT EXISTS items (n INTEGER NOT NULL)", "ALTER TABLE items ADD COLUMN label TEXT", "UPDATE items SET label = 'x' || n"]);

        await using (await SqliteStore.OpenAsync(path, schema, default))
        {
        }

        Assert.Equal(["3"], await ReadAsync(path, "PRAGMA user_version"));
        Assert.Equal(["x7"], await ReadAsync(path, "SELECT label FROM items"));
    }

    [Fact]
    public async Task OpenAsync_VersionOneFile_RunsOnlyTheLaterMigrations()
    {
        var path = Path.Combine(_folder.Path, "a.db");
        var first = new SqliteSchema("the test database", ["CREATE TABLE items (n INTEGER NOT NULL)"]); // fails if run twice
        await using (await SqliteStore.OpenAsync(path, first, default))
        {
        }

        await using (await SqliteStore.OpenAsync(path, first with { Migrations = [.. first.Migrations, "CREATE TABLE labels (t TEXT)"] }, default))
        {
        }

        Assert.Equal(["2"], await ReadAsync(path, "PRAGMA user_version"));
        Assert.Equal(["items", "labels"], await ReadAsync(path, "SELECT name FROM sqlite_master ORDER BY name"));
    }

    [Fact]
    public async Task OpenAsync_FileOfANewerSchema_ThrowsStorageExceptionAndLeavesItAlone()
    {
        var path = Path.Combine(_folder.Path, "a.db");
        await ExecuteAsync(path, "CREATE TABLE items (n INTEGER); PRAGMA user_version = 5;");

        var error = await Assert.ThrowsAsync<IpfsKitStorageException>(
            () => SqliteStore.OpenAsync(path, new SqliteSchema("the test database", ["CREATE TABLE IF NOT EXISTS items (n INTEGER)"]), default));

        Assert.Equal(path, error.Path);
        Assert.Contains("version 5", error.Reason, StringComparison.Ordinal);
        Assert.Equal(["5"], await ReadAsync(path, "PRAGMA user_version"));
    }

    [Fact]
    public async Task OpenAsync_MigrationFails_RollsBackEveryMigrationOfTheOpen()
    {
        var path = Path.Combine(_folder.Path, "a.db");
        var broken = new SqliteSchema("the test database", ["CREATE TABLE items (n INTEGER)", "CREATE TABLE nonsense ("]);

        await Assert.ThrowsAsync<IpfsKitStorageException>(() => SqliteStore.OpenAsync(path, broken, default));

        Assert.Equal(["0"], await ReadAsync(path, "PRAGMA user_version"));
        Assert.Empty(await ReadAsync(path, "SELECT name FROM sqlite_master"));
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ReadAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }
}
