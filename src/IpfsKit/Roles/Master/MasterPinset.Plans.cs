using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using IpfsKit.Transports;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Roles.Master;

/// <content>Listing the pins, and their plans and states as the coordinator places them.</content>
public sealed partial class MasterPinset
{
    /// <summary>Lists the pinset, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pins.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<MasterPinInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        RunAsync("the pinset cannot be read", ct => ReadAsync(null, ct), cancellationToken);

    /// <summary>Gets one pin.</summary>
    /// <param name="cid">The root (CIDv0 or CIDv1).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pin, or <see langword="null"/> when it is not in the pinset.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<MasterPinInfo?> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
        RunAsync("the pinset cannot be read", async ct => (await ReadAsync(Key(cid), ct).ConfigureAwait(false)) is [var pin, ..] ? pin : null, cancellationToken);

    /// <summary>Gets the plan in force for a pin.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plan, or <see langword="null"/> when the pin is unknown or has none yet.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public async Task<ShardPlan?> GetPlanAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var json = await RunAsync("the pinset cannot be read", async ct =>
        {
            using var read = _db.Command("SELECT plan FROM pins WHERE key = $key");
            read.Parameters.AddWithValue("$key", Key(cid));
            return await read.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
        }, cancellationToken).ConfigureAwait(false);
        return json is null ? null : ShardPlanJson.Deserialize(json);
    }

    /// <summary>Stores the plan in force for a pin and marks it placed.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="plan">The plan whose placements are all verified.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the pin is no longer in the pinset.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> SetPlacedAsync(Cid cid, ShardPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return SetStateAsync(cid, MasterPinState.Placed, ShardPlanJson.Serialize(plan), null, cancellationToken);
    }

    /// <summary>Marks a pin failed with the placement error (the coordinator retries it); its plan in force, if any, is kept.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="error">What went wrong.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the pin is no longer in the pinset.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> SetFailedAsync(Cid cid, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        return SetStateAsync(cid, MasterPinState.Failed, null, error, cancellationToken);
    }

    /// <summary>Lists the plans of removed pins whose placements are still to be released on the workers.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The retired plans.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<ShardPlan>> ListRetiredAsync(CancellationToken cancellationToken = default) =>
        ReadPlansAsync("SELECT plan FROM retired_plans ORDER BY key", "the retired plans cannot be read", cancellationToken);

    /// <summary>Forgets a retired plan once its placements are released.</summary>
    /// <param name="root">The plan's root.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the row is gone.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task ForgetRetiredAsync(Cid root, CancellationToken cancellationToken = default) =>
        RunAsync("a retired plan cannot be forgotten", async ct =>
        {
            using var write = _db.Command("DELETE FROM retired_plans WHERE key = $key");
            write.Parameters.AddWithValue("$key", Key(root));
            return await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private Task<bool> SetStateAsync(Cid cid, MasterPinState state, string? plan, string? error, CancellationToken cancellationToken) =>
        RunAsync("the pinset cannot be written", async ct =>
        {
            using var write = _db.Command("UPDATE pins SET state = $state, plan = COALESCE($plan, plan), error = $error WHERE key = $key");
            write.Parameters.AddWithValue("$key", Key(cid));
            write.Parameters.AddWithValue("$state", (int)state);
            write.Parameters.AddWithValue("$plan", (object?)plan ?? DBNull.Value);
            write.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            var written = await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            Revised();
            return written;
        }, cancellationToken);

    private async Task<IReadOnlyList<MasterPinInfo>> ReadAsync(string? key, CancellationToken cancellationToken)
    {
        using var read = _db.Command(
            "SELECT cid, mode, source, state, plan, added_at, error, (SELECT policy FROM pin_policies WHERE pin_policies.key = pins.key) FROM pins" + (key is null ? string.Empty : " WHERE key = $key") + " ORDER BY added_at, key");
        if (key is not null)
        {
            read.Parameters.AddWithValue("$key", key);
        }

        var pins = new List<MasterPinInfo>();
        using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
                Policy = reader.IsDBNull(7) ? null : PolicyFromJson(reader.GetString(7)),
            });
        }

        return pins;
    }
}
