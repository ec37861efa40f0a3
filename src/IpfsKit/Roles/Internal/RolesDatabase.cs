using IpfsKit.Internal;
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
        var connection = await SqliteDatabases.OpenAsync(
            path, $"the {what} database", "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;" + schema, cancellationToken)
            .ConfigureAwait(false);
        return new RolesDatabase(connection, path ?? connection.DataSource);
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

    /// <summary>Runs <paramref name="work"/> alone on the connection; a SQLite failure becomes <see cref="IpfsKitStorageException"/> naming <paramref name="failure"/>.</summary>
    public async Task<T> RunAsync<T>(string failure, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Fail(failure, ex);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Waits for in-flight work, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        Gate.Dispose();
    }
}
