using IpfsKit.Errors;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Sqlite.Internal;

/// <summary>
/// Brings a database to its schema's version: reads <c>PRAGMA user_version</c> and runs the migrations after it, all in
/// one immediate transaction (a second connection opening the same file waits, then finds the work done).
/// </summary>
internal static class SqliteMigrator
{
    /// <summary>Runs the migrations <paramref name="connection"/>'s database lacks.</summary>
    /// <param name="connection">An open connection, not in a transaction.</param>
    /// <param name="schema">The schema the file must have.</param>
    /// <param name="name">The file (or memory name), for errors.</param>
    /// <param name="cancellationToken">Cancels the migration (rolled back).</param>
    /// <returns>The version the file had before.</returns>
    /// <exception cref="IpfsKitStorageException">The file was written by a newer schema than this code knows.</exception>
    public static async Task<int> MigrateAsync(SqliteConnection connection, SqliteSchema schema, string name, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var before = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (before > schema.Version)
        {
            throw new IpfsKitStorageException(
                name, $"{schema.What} has schema version {before}, newer than this version of IpfsKit knows ({schema.Version})");
        }

        for (var version = before + 1; version <= schema.Version; version++)
        {
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = schema.Migrations[version - 1] + $"; PRAGMA user_version = {version};";
            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return before;
    }

    /// <summary>Reads <c>PRAGMA user_version</c>.</summary>
    public static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
