using System.Security.Cryptography;
using IpfsKit.Internal;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Transports.Embedded.Internal;

/// <summary>
/// The embedded node's SQLite database: <c>pins.db</c> beside the blocks, or a private in-memory database kept alive by
/// its one open connection. Holds the pinset (<c>pins</c>, <c>pin_blocks</c>, <c>refs</c>) and the node's identity seed
/// (<c>meta</c>). One connection, used by one caller at a time through <see cref="EnterAsync"/>.
/// </summary>
internal sealed class EmbeddedDatabase : IDisposable
{
    /// <summary>The file name of the database in the storage folder.</summary>
    public const string FileName = "pins.db";

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS pins (cid BLOB NOT NULL, mode INTEGER NOT NULL, PRIMARY KEY (cid, mode));
        CREATE TABLE IF NOT EXISTS pin_blocks (root BLOB NOT NULL, block BLOB NOT NULL, PRIMARY KEY (root, block)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS refs (cid BLOB PRIMARY KEY, count INTEGER NOT NULL CHECK (count > 0)) WITHOUT ROWID;
        """;

    private const string SeedKey = "identity-seed";

    private readonly SemaphoreSlim _gate = new(1, 1);

    private EmbeddedDatabase(SqliteConnection connection) => Connection = connection;

    /// <summary>Gets the connection; use it only between <see cref="EnterAsync"/> and disposing what it returns.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>Opens (and creates when missing) the database of a storage folder, or an in-memory one.</summary>
    public static async Task<EmbeddedDatabase> OpenAsync(string? folder, CancellationToken cancellationToken)
    {
        var path = folder is null ? null : Path.Combine(folder, FileName);
        return new EmbeddedDatabase(await SqliteDatabases.OpenAsync(path, "the pinset database", Schema, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Waits for exclusive use of the connection; dispose the result to release it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(_gate);
    }

    /// <summary>Makes a command, in <paramref name="transaction"/> when one is given.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Gets the node's 32-byte identity seed, generating and storing it on first use.</summary>
    public async Task<byte[]> GetOrCreateSeedAsync(CancellationToken cancellationToken)
    {
        using var entered = await EnterAsync(cancellationToken).ConfigureAwait(false);
        using (var read = Command("SELECT value FROM meta WHERE key = $key"))
        {
            read.Parameters.AddWithValue("$key", SeedKey);
            if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is byte[] stored)
            {
                return stored;
            }
        }

        var seed = RandomNumberGenerator.GetBytes(32);
        using var write = Command("INSERT INTO meta (key, value) VALUES ($key, $value)");
        write.Parameters.AddWithValue("$key", SeedKey);
        write.Parameters.AddWithValue("$value", seed);
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return seed;
    }

    /// <summary>Closes the connection (an in-memory database is gone then).</summary>
    public void Dispose()
    {
        Connection.Dispose();
        _gate.Dispose();
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
