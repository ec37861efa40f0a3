using Microsoft.Data.Sqlite;

namespace IpfsKit.Internal;

/// <summary>
/// Opens the SQLite databases IpfsKit keeps (pinset, shard progress, outbox): a file, created when missing, or a private
/// in-memory database that lives as long as its one connection. Applies the schema; a failure is an
/// <see cref="IpfsKitStorageException"/> naming the file
/// (and the package to add when the app ships no native SQLite: <see cref="SqliteNativeLibrary"/>).
/// </summary>
internal static class SqliteDatabases
{
    /// <summary>Opens a connection to <paramref name="path"/> (or a new in-memory database when null) and runs <paramref name="schema"/>.</summary>
    /// <param name="path">The database file, or <see langword="null"/> for memory.</param>
    /// <param name="what">What the database holds, for the error message ("the pinset database").</param>
    /// <param name="schema">The statements that create the tables (idempotent: <c>CREATE TABLE IF NOT EXISTS</c>).</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    public static async Task<SqliteConnection> OpenAsync(string? path, string what, string schema, CancellationToken cancellationToken)
    {
        // No pooling: disposing closes the file (and drops an in-memory database) at once.
        var builder = new SqliteConnectionStringBuilder { Pooling = false };
        if (path is null)
        {
            builder.DataSource = "ipfskit-" + Guid.NewGuid().ToString("N");
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }
        else
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
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
            command.CommandText = schema;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (SqliteNativeLibrary.IsMissing(ex))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw SqliteNativeLibrary.MissingError(builder.DataSource, what, ex);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new IpfsKitStorageException(builder.DataSource, what + " cannot be opened", ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
