using Microsoft.Data.Sqlite;

namespace IpfsKit.Roles.Internal;

/// <summary>
/// Opens the SQLite databases of the roles (outbox, receipt log): WAL with <c>synchronous = FULL</c>, so a committed
/// transaction survives a process kill and a power cut; a private in-memory database when no path is given.
/// One connection per object, serialised by <see cref="Gate"/>.
/// </summary>
internal sealed class RolesDatabase : IAsyncDisposable
{
    private RolesDatabase(SqliteConnection connection, string name)
    {
        Connection = connection;
        Name = name;
    }

    /// <summary>Gets the connection; use it only while holding <see cref="Gate"/>.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>Gets the file (or memory name) of the database, for errors.</summary>
    public string Name { get; }

    /// <summary>Gets the gate that serialises use of the connection.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Opens (creating when missing) the database and runs <paramref name="schema"/>.</summary>
    public static async Task<RolesDatabase> OpenAsync(string? path, string schema, string what, CancellationToken cancellationToken)
    {
        // No pooling: disposing closes the file (and drops an in-memory database) at once.
        var builder = new SqliteConnectionStringBuilder { Pooling = false, DefaultTimeout = 30 };
        if (path is null)
        {
            builder.DataSource = "ipfskit-roles-" + Guid.NewGuid().ToString("N");
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }
        else
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            builder.DataSource = path;
            builder.Mode = SqliteOpenMode.ReadWriteCreate;
        }

        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;" + schema;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new RolesDatabase(connection, builder.DataSource);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new IpfsKitStorageException(builder.DataSource, $"the {what} database cannot be opened", ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Makes a command, in <paramref name="transaction"/> when one is given.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Wraps a SQLite failure in the storage error of this database.</summary>
    public IpfsKitStorageException Fail(string reason, SqliteException inner) => new(Name, reason, inner);

    /// <summary>Waits for in-flight work, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        Gate.Dispose();
    }
}
