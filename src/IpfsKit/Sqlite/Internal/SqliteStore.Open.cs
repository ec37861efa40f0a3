using IpfsKit.Errors;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Sqlite.Internal;

/// <content>
/// Opening: the one place a SQLite connection is made. A file (its folder created when missing) or a private in-memory
/// database that lives as long as the store; the same pragmas everywhere (<see cref="SqlitePragmas"/>); then the schema's
/// migrations. Every failure is an <see cref="IpfsKitStorageException"/> naming the file.
/// </content>
internal sealed partial class SqliteStore
{
    /// <summary>Opens (creating when missing) the database at <paramref name="path"/>, or a new in-memory one when null, and migrates it.</summary>
    /// <param name="path">The database file, or <see langword="null"/> for memory.</param>
    /// <param name="schema">The schema the file must have.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The open store; dispose it to close the connection.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be opened, set up or migrated.</exception>
    public static async Task<SqliteStore> OpenAsync(string? path, SqliteSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);

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
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = SqlitePragmas.For(inMemory: path is null);
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await SqliteMigrator.MigrateAsync(connection, schema, builder.DataSource, cancellationToken).ConfigureAwait(false);
            return new SqliteStore(connection, builder.DataSource, schema.What);
        }
        catch (Exception ex) when (SqliteNativeLibrary.IsMissing(ex))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw SqliteNativeLibrary.MissingError(builder.DataSource, schema.What, ex);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new IpfsKitStorageException(builder.DataSource, schema.What + " cannot be opened", ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
