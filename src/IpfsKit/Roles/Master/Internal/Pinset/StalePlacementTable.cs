using IpfsKit.Content;
using IpfsKit.Sharding;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Roles.Master.Internal.Pinset;

/// <summary>
/// The stale placements (table <c>stale_placements</c>): what a dead or departed worker held before its ranges were
/// repaired onto others, one plan per (target, root) holding only that target's placements. The worker may come back
/// with those pins still in its store; the coordinator releases them there and forgets the row.
/// </summary>
internal sealed class StalePlacementTable(SqliteStore store, PlacementRevision revision)
{
    /// <summary>Records what <paramref name="target"/> held of <paramref name="plan"/>, merged with what was recorded before.</summary>
    public Task RecordAsync(ShardPlan plan, string target, CancellationToken cancellationToken) =>
        store.RunAsync("a stale placement cannot be recorded", async ct =>
        {
            using var transaction = store.Connection.BeginTransaction(deferred: false);
            var key = PinKey.Of(plan.Root);
            using var read = store.Command("SELECT plan FROM stale_placements WHERE target = $target AND key = $key", transaction);
            read.Parameters.AddWithValue("$target", target);
            read.Parameters.AddWithValue("$key", key);
            var before = await read.ExecuteScalarAsync(ct).ConfigureAwait(false) is string json ? ShardPlanJson.Deserialize(json).Placements : [];
            var stale = plan with
            {
                Placements = [.. before, .. plan.PlacementsOf(target).Where(p => !before.Any(b => (b.Replica, b.FirstLeaf, b.LeafCount) == (p.Replica, p.FirstLeaf, p.LeafCount)))],
            };
            using var write = store.Command("INSERT OR REPLACE INTO stale_placements (target, key, plan) VALUES ($target, $key, $plan)", transaction);
            write.Parameters.AddWithValue("$target", target);
            write.Parameters.AddWithValue("$key", key);
            write.Parameters.AddWithValue("$plan", ShardPlanJson.Serialize(stale));
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            transaction.Commit();
            revision.Revised();
        }, cancellationToken);

    /// <summary>Lists the stale placements still to be released, by target.</summary>
    public Task<IReadOnlyList<ShardPlan>> ListAsync(CancellationToken cancellationToken) =>
        PlanRows.ReadAsync(store, "SELECT plan FROM stale_placements ORDER BY target, key", "the stale placements cannot be read", cancellationToken);

    /// <summary>Forgets the stale placements of a root on a target once they are released there.</summary>
    public Task ForgetAsync(Cid root, string target, CancellationToken cancellationToken) =>
        store.RunAsync("a stale placement cannot be forgotten", async ct =>
        {
            using var write = store.Command("DELETE FROM stale_placements WHERE target = $target AND key = $key");
            write.Parameters.AddWithValue("$target", target);
            write.Parameters.AddWithValue("$key", PinKey.Of(root));
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            revision.Revised();
        }, cancellationToken);
}
