using System.Globalization;
using IpfsKit.Internal;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Sharding.Internal;

/// <summary>
/// The executor's progress in SQLite: one row per (plan root, target, replica, pin) with its state (<c>pinned</c>,
/// <c>verified</c>) and one per placement (<c>running</c>, <c>done</c>, <c>failed</c>). A file survives a crash; without
/// a path the database lives in memory as long as the store. One connection, one caller at a time.
/// </summary>
internal sealed class ShardProgressStore : IDisposable
{
    private const string Schema = """
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
        """;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private ShardProgressStore(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    public static async Task<ShardProgressStore> OpenAsync(string? path, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = await SqliteDatabases.OpenAsync(path, "the shard progress database", Schema, cancellationToken).ConfigureAwait(false);
        return new ShardProgressStore(connection, time);
    }

    /// <summary>Gets a placement's state, or <see langword="null"/> when it was never started.</summary>
    public async Task<string?> GetPlacementStateAsync(string root, ShardPlacement placement, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Command(
                "SELECT state FROM shard_placements WHERE plan_root = $root AND target = $target AND replica = $replica AND first_leaf = $first AND leaf_count = $count",
                root,
                placement);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records a placement's state. Not cancellable: what happened is recorded even when the run is being cancelled.</summary>
    public async Task SetPlacementStateAsync(string root, ShardPlacement placement, string state, string? error = null)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            using var command = Command(
                """
                INSERT INTO shard_placements (plan_root, target, replica, first_leaf, leaf_count, state, error, updated)
                VALUES ($root, $target, $replica, $first, $count, $state, $error, $updated)
                ON CONFLICT DO UPDATE SET state = excluded.state, error = excluded.error, updated = excluded.updated
                """,
                root,
                placement);
            command.Parameters.AddWithValue("$state", state);
            command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gets the pins of a target and replica already applied, by CID string, with their state.</summary>
    public async Task<Dictionary<string, string>> GetPinStatesAsync(string root, string target, int replica, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT pin_cid, state FROM shard_pins WHERE plan_root = $root AND target = $target AND replica = $replica";
            command.Parameters.AddWithValue("$root", root);
            command.Parameters.AddWithValue("$target", target);
            command.Parameters.AddWithValue("$replica", replica);
            var states = new Dictionary<string, string>(StringComparer.Ordinal);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                states[reader.GetString(0)] = reader.GetString(1);
            }

            return states;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records a pin's state. Not cancellable, like <see cref="SetPlacementStateAsync"/>.</summary>
    public async Task SetPinStateAsync(string root, string target, int replica, ShardPin pin, string state)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO shard_pins (plan_root, target, replica, pin_cid, recursive, state, updated)
                VALUES ($root, $target, $replica, $cid, $recursive, $state, $updated)
                ON CONFLICT DO UPDATE SET state = excluded.state, updated = excluded.updated
                """;
            command.Parameters.AddWithValue("$root", root);
            command.Parameters.AddWithValue("$target", target);
            command.Parameters.AddWithValue("$replica", replica);
            command.Parameters.AddWithValue("$cid", pin.Cid.ToString());
            command.Parameters.AddWithValue("$recursive", pin.Recursive ? 1 : 0);
            command.Parameters.AddWithValue("$state", state);
            command.Parameters.AddWithValue("$updated", Now());
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes a target's progress rows for a plan root.</summary>
    public async Task ForgetAsync(string root, string target, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                DELETE FROM shard_pins WHERE plan_root = $root AND target = $target;
                DELETE FROM shard_placements WHERE plan_root = $root AND target = $target;
                """;
            command.Parameters.AddWithValue("$root", root);
            command.Parameters.AddWithValue("$target", target);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private SqliteCommand Command(string sql, string root, ShardPlacement placement)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$root", root);
        command.Parameters.AddWithValue("$target", placement.Target);
        command.Parameters.AddWithValue("$replica", placement.Replica);
        command.Parameters.AddWithValue("$first", placement.FirstLeaf);
        command.Parameters.AddWithValue("$count", placement.LeafCount);
        if (sql.Contains("$updated", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$updated", Now());
        }

        return command;
    }

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
