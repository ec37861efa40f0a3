using IpfsKit.Content;
using IpfsKit.Sharding;

namespace IpfsKit.Roles.Master;

/// <content>
/// The plans in force as a whole, and the stale placements: what a dead worker held before its ranges were repaired onto
/// others. The worker may come back with those pins still in its store; the coordinator releases them there.
/// </content>
public sealed partial class MasterPinset
{
    /// <summary>Lists the plans in force (of pins placed, or failed after a placement).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plans.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<ShardPlan>> ListPlansAsync(CancellationToken cancellationToken = default) =>
        ReadPlansAsync("SELECT plan FROM pins WHERE plan IS NOT NULL ORDER BY key", "the plans cannot be read", cancellationToken);

    /// <summary>
    /// Records what <paramref name="target"/> held of <paramref name="plan"/> before its ranges were repaired away
    /// (merged with what was recorded before for the same root and target).
    /// </summary>
    /// <param name="plan">The plan before the repair.</param>
    /// <param name="target">The dead or departed worker.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the row is written.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task RecordStaleAsync(ShardPlan plan, string target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(target);
        return RunAsync("a stale placement cannot be recorded", async ct =>
        {
            var key = Key(plan.Root);
            using var transaction = _db.Connection.BeginTransaction(deferred: false);
            using var read = _db.Command("SELECT plan FROM stale_placements WHERE target = $target AND key = $key", transaction);
            read.Parameters.AddWithValue("$target", target);
            read.Parameters.AddWithValue("$key", key);
            var before = await read.ExecuteScalarAsync(ct).ConfigureAwait(false) is string json ? ShardPlanJson.Deserialize(json).Placements : [];
            var stale = plan with
            {
                Placements = [.. before, .. plan.PlacementsOf(target).Where(p => !before.Any(b => (b.Replica, b.FirstLeaf, b.LeafCount) == (p.Replica, p.FirstLeaf, p.LeafCount)))],
            };
            using var write = _db.Command("INSERT OR REPLACE INTO stale_placements (target, key, plan) VALUES ($target, $key, $plan)", transaction);
            write.Parameters.AddWithValue("$target", target);
            write.Parameters.AddWithValue("$key", key);
            write.Parameters.AddWithValue("$plan", ShardPlanJson.Serialize(stale));
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            transaction.Commit();
            Revised();
            return true;
        }, cancellationToken);
    }

    /// <summary>Lists the stale placements still to be released: each a plan holding only its target's placements.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stale placements, by target.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<ShardPlan>> ListStaleAsync(CancellationToken cancellationToken = default) =>
        ReadPlansAsync("SELECT plan FROM stale_placements ORDER BY target, key", "the stale placements cannot be read", cancellationToken);

    /// <summary>Forgets the stale placements of a root on a target once they are released there.</summary>
    /// <param name="root">The plan's root.</param>
    /// <param name="target">The worker.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the row is gone.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task ForgetStaleAsync(Cid root, string target, CancellationToken cancellationToken = default) =>
        RunAsync("a stale placement cannot be forgotten", async ct =>
        {
            using var write = _db.Command("DELETE FROM stale_placements WHERE target = $target AND key = $key");
            write.Parameters.AddWithValue("$target", target);
            write.Parameters.AddWithValue("$key", Key(root));
            var removed = await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            Revised();
            return removed;
        }, cancellationToken);

    private Task<IReadOnlyList<ShardPlan>> ReadPlansAsync(string sql, string failure, CancellationToken cancellationToken) =>
        RunAsync(failure, async ct =>
        {
            using var read = _db.Command(sql);
            var plans = new List<ShardPlan>();
            using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                plans.Add(ShardPlanJson.Deserialize(reader.GetString(0)));
            }

            return (IReadOnlyList<ShardPlan>)plans;
        }, cancellationToken);
}
