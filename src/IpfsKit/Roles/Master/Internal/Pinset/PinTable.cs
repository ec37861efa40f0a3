using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Internal;
using IpfsKit.Sharding;
using IpfsKit.Sqlite.Internal;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Master.Internal.Pinset;

/// <summary>
/// The pins (table <c>pins</c>): every pin the cluster must hold, where it stands (pending, placed, failed) and the plan
/// in force. Ingest and removal record the forwarded operation's key in the same transaction (<see cref="ReceiptTable"/>);
/// a removal retires the pin's plan (<c>retired_plans</c>) and drops its policy.
/// </summary>
internal sealed class PinTable(SqliteStore store, PlacementRevision revision, TimeProvider time)
{
    private const string Write = "the pinset cannot be written";
    private const string Read = "the pinset cannot be read";

    /// <summary>Adds a pin as pending (a pin already there keeps its state unless its mode changes), once per key.</summary>
    public Task<bool> IngestAsync(Cid cid, PinMode mode, string source, Guid? idempotencyKey, CancellationToken cancellationToken) =>
        ReceiptTable.ApplyOnceAsync(store, idempotencyKey, "pin", cid.ToString(), time.GetUtcNow(), Write, async (transaction, ct) =>
        {
            using var write = store.Command("""
                INSERT INTO pins (key, cid, mode, source, state, added_at) VALUES ($key, $cid, $mode, $source, $pending, $now)
                ON CONFLICT (key) DO UPDATE SET mode = $mode, state = $pending, error = NULL WHERE mode <> $mode;
                DELETE FROM retired_plans WHERE key = $key;
                """, transaction);
            write.Parameters.AddWithValue("$key", PinKey.Of(cid));
            write.Parameters.AddWithValue("$cid", cid.ToString());
            write.Parameters.AddWithValue("$mode", (int)mode);
            write.Parameters.AddWithValue("$source", source);
            write.Parameters.AddWithValue("$pending", (int)MasterPinState.Pending);
            write.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Removes a pin, once per key; its plan, if any, is retired and its policy dropped.</summary>
    public Task<bool> RemoveAsync(Cid cid, Guid? idempotencyKey, CancellationToken cancellationToken) =>
        ReceiptTable.ApplyOnceAsync(store, idempotencyKey, "unpin", cid.ToString(), time.GetUtcNow(), Write, async (transaction, ct) =>
        {
            using var write = store.Command("""
                INSERT OR REPLACE INTO retired_plans (key, plan) SELECT key, plan FROM pins WHERE key = $key AND plan IS NOT NULL;
                DELETE FROM pins WHERE key = $key;
                DELETE FROM pin_policies WHERE key = $key;
                """, transaction);
            write.Parameters.AddWithValue("$key", PinKey.Of(cid));
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Lists the pins, oldest first, or the one of <paramref name="cid"/>.</summary>
    public Task<IReadOnlyList<MasterPinInfo>> ListAsync(Cid? cid, CancellationToken cancellationToken) =>
        store.RunAsync<IReadOnlyList<MasterPinInfo>>(Read, async ct =>
        {
            using var read = store.Command(
                $"SELECT cid, mode, source, state, plan, added_at, error, {PinPolicyTable.PolicyOfPin} FROM pins" + (cid is null ? string.Empty : " WHERE key = $key") + " ORDER BY added_at, key");
            if (cid is { } one)
            {
                read.Parameters.AddWithValue("$key", PinKey.Of(one));
            }

            var pins = new List<MasterPinInfo>();
            using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var plan = reader.IsDBNull(4) ? null : ShardPlanJson.Deserialize(reader.GetString(4));
                pins.Add(new MasterPinInfo(
                    reader.GetString(0),
                    (PinMode)reader.GetInt32(1),
                    reader.GetString(2),
                    (MasterPinState)reader.GetInt32(3),
                    plan?.Targets ?? [],
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                    reader.IsDBNull(6) ? null : reader.GetString(6))
                {
                    Plan = plan,
                    Policy = reader.IsDBNull(7) ? null : PinPolicyTable.FromJson(reader.GetString(7)),
                });
            }

            return pins;
        }, cancellationToken);

    /// <summary>Gets the plan in force for a pin, or <see langword="null"/>.</summary>
    public async Task<ShardPlan?> GetPlanAsync(Cid cid, CancellationToken cancellationToken)
    {
        var json = await store.RunAsync(Read, async ct =>
        {
            using var read = store.Command("SELECT plan FROM pins WHERE key = $key");
            read.Parameters.AddWithValue("$key", PinKey.Of(cid));
            return await read.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
        }, cancellationToken).ConfigureAwait(false);
        return json is null ? null : ShardPlanJson.Deserialize(json);
    }

    /// <summary>Lists the plans in force (of pins placed, or failed after a placement).</summary>
    public Task<IReadOnlyList<ShardPlan>> ListPlansAsync(CancellationToken cancellationToken) =>
        PlanRows.ReadAsync(store, "SELECT plan FROM pins WHERE plan IS NOT NULL ORDER BY key", "the plans cannot be read", cancellationToken);

    /// <summary>Sets a pin's state and error, and its plan in force when <paramref name="plan"/> is given.</summary>
    /// <returns><see langword="false"/> when the pin is no longer in the pinset.</returns>
    public Task<bool> SetStateAsync(Cid cid, MasterPinState state, ShardPlan? plan, string? error, CancellationToken cancellationToken)
    {
        var json = plan is null ? null : ShardPlanJson.Serialize(plan);
        return store.RunAsync(Write, async ct =>
        {
            using var write = store.Command("UPDATE pins SET state = $state, plan = COALESCE($plan, plan), error = $error WHERE key = $key");
            write.Parameters.AddWithValue("$key", PinKey.Of(cid));
            write.Parameters.AddWithValue("$state", (int)state);
            write.Parameters.AddWithValue("$plan", (object?)json ?? DBNull.Value);
            write.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            var written = await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            revision.Revised();
            return written;
        }, cancellationToken);
    }

    /// <summary>
    /// Writes a streamed add's pin as placed with the plan that adopted its subtrees, unless the pin exists with a plan
    /// already (the same content added before: its placements stay, the add's are then released).
    /// </summary>
    /// <returns>Whether the plan was written.</returns>
    public Task<bool> AdoptAsync(Cid root, ShardPlan plan, CancellationToken cancellationToken) =>
        store.RunAsync(Write, async ct =>
        {
            using var write = store.Command("""
                INSERT INTO pins (key, cid, mode, source, state, plan, added_at) VALUES ($key, $cid, $mode, $source, $placed, $plan, $now)
                ON CONFLICT (key) DO UPDATE SET mode = $mode, state = $placed, plan = $plan, error = NULL WHERE pins.plan IS NULL;
                """);
            write.Parameters.AddWithValue("$key", PinKey.Of(root));
            write.Parameters.AddWithValue("$cid", root.ToString());
            write.Parameters.AddWithValue("$mode", (int)PinMode.Recursive);
            write.Parameters.AddWithValue("$source", MasterTransport.LocalSource);
            write.Parameters.AddWithValue("$placed", (int)MasterPinState.Placed);
            write.Parameters.AddWithValue("$plan", ShardPlanJson.Serialize(plan));
            write.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            return await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
}
