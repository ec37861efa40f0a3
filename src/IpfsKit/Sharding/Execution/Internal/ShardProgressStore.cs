using System.Globalization;
using IpfsKit.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Sharding.Execution.Internal;

/// <summary>
/// The executor's progress in SQLite: one row per (plan root, target, replica, pin) with its state (<c>pinned</c>,
/// <c>verified</c>) and one per placement (<c>running</c>, <c>done</c>, <c>failed</c>). A file survives a crash; without
/// a path the database lives in memory as long as the store. One connection, one caller at a time (<see cref="SqliteStore"/>).
/// </summary>
internal sealed class ShardProgressStore : IDisposable
{
    /// <summary>The schema of <c>shards.db</c>; migration 1 is the tables as written before schema versioning.</summary>
    internal static readonly SqliteSchema Schema = new("the shard progress database",
    [
        """
        CREATE TABLE IF NOT EXISTS shard_pins (
            plan_root TEXT NOT NULL, target TEXT NOT NULL, replica INTEGER NOT NULL, pin_cid TEXT NOT NULL,
            recursive INTEGER NOT NULL, state TEXT NOT NULL, updated TEXT NOT NULL,
            PRIMARY KEY (plan_root, target, replica, pin_cid)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS shard_placements (
            plan_root TEXT NOT NULL, target TEXT NOT NULL, replica INTEGER NOT NULL, first_leaf INTEGER NOT NULL,
            leaf_count INTEGER NOT NULL, state TEXT NOT NULL, error TEXT, updated TEXT NOT NULL,
            PRIMARY KEY (plan_root, target, replica, first_leaf, leaf_count)) WITHOUT ROWID;
        """,
    ]);

    private readonly SqliteStore _store;
    private readonly TimeProvider _time;

    private ShardProgressStore(SqliteStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public static async Task<ShardProgressStore> OpenAsync(string? path, TimeProvider time, CancellationToken cancellationToken) =>
        new(await SqliteStore.OpenAsync(path, Schema, cancellationToken).ConfigureAwait(false), time);

    /// <summary>Gets a placement's state, or <see langword="null"/> when it was never started.</summary>
    public Task<string?> GetPlacementStateAsync(string root, ShardPlacement placement, CancellationToken cancellationToken) =>
        _store.RunAsync("a placement's progress cannot be read", async ct =>
        {
            using var command = Command(
                "SELECT state FROM shard_placements WHERE plan_root = $root AND target = $target AND replica = $replica AND first_leaf = $first AND leaf_count = $count",
                root,
                placement);
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
        }, cancellationToken);

    /// <summary>Records a placement's state. Not cancellable: what happened is recorded even when the run is being cancelled.</summary>
    public Task SetPlacementStateAsync(string root, ShardPlacement placement, string state, string? error = null) =>
        _store.RunAsync("a placement's progress cannot be written", async ct =>
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
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, CancellationToken.None);

    /// <summary>Gets the pins of a target and replica already applied, by CID string, with their state.</summary>
    public Task<Dictionary<string, string>> GetPinStatesAsync(string root, string target, int replica, CancellationToken cancellationToken) =>
        _store.RunAsync("the pins' progress cannot be read", async ct =>
        {
            using var command = _store.Command("SELECT pin_cid, state FROM shard_pins WHERE plan_root = $root AND target = $target AND replica = $replica");
            command.Parameters.AddWithValue("$root", root);
            command.Parameters.AddWithValue("$target", target);
            command.Parameters.AddWithValue("$replica", replica);
            var states = new Dictionary<string, string>(StringComparer.Ordinal);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                states[reader.GetString(0)] = reader.GetString(1);
            }

            return states;
        }, cancellationToken);

    /// <summary>Records a pin's state. Not cancellable, like <see cref="SetPlacementStateAsync"/>.</summary>
    public Task SetPinStateAsync(string root, string target, int replica, ShardPin pin, string state) =>
        _store.RunAsync("a pin's progress cannot be written", async ct =>
        {
            using var command = _store.Command("""
                INSERT INTO shard_pins (plan_root, target, replica, pin_cid, recursive, state, updated)
                VALUES ($root, $target, $replica, $cid, $recursive, $state, $updated)
                ON CONFLICT DO UPDATE SET state = excluded.state, updated = excluded.updated
                """);
            command.Parameters.AddWithValue("$root", root);
            command.Parameters.AddWithValue("$target", target);
            command.Parameters.AddWithValue("$replica", replica);
            command.Parameters.AddWithValue("$cid", pin.Cid.ToString());
            command.Parameters.AddWithValue("$recursive", pin.Recursive ? 1 : 0);
            command.Parameters.AddWithValue("$state", state);
            command.Parameters.AddWithValue("$updated", Now());
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, CancellationToken.None);

    /// <summary>Deletes a target's progress rows for a plan root.</summary>
    public Task ForgetAsync(string root, string target, CancellationToken cancellationToken) =>
        _store.RunAsync("a target's progress cannot be forgotten", async ct =>
        {
            using var command = _store.Command("""
                DELETE FROM shard_pins WHERE plan_root = $root AND target = $target;
                DELETE FROM shard_placements WHERE plan_root = $root AND target = $target;
                """);
            command.Parameters.AddWithValue("$root", root);
            command.Parameters.AddWithValue("$target", target);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public void Dispose() => _store.Dispose();

    private SqliteCommand Command(string sql, string root, ShardPlacement placement)
    {
        var command = _store.Command(sql);
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
