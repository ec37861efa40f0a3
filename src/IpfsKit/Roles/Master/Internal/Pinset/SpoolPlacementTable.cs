using IpfsKit.Sharding;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Roles.Master.Internal.Pinset;

/// <summary>
/// The placements in progress of the adds the master streams (table <c>spool_placements</c>): each subtree placed on
/// workers while its add runs is recorded (before it is sent) under the add's id, as a plan of its own whose root is the
/// subtree. A succeeded add adopts them into its pin's plan (<see cref="PinTable.AdoptAsync"/>) and forgets the rows;
/// the rows of an add that failed, was cancelled or died with the master are retired, for the coordinator to release.
/// </summary>
internal sealed class SpoolPlacementTable(SqliteStore store)
{
    /// <summary>Records a subtree an add in progress is placing (its plan's root is the subtree).</summary>
    public Task RecordAsync(string addId, ShardPlan plan, CancellationToken cancellationToken) =>
        store.RunAsync("a spool placement cannot be written", async ct =>
        {
            using var write = store.Command("INSERT OR REPLACE INTO spool_placements (add_id, key, plan) VALUES ($add, $key, $plan)");
            write.Parameters.AddWithValue("$add", addId);
            write.Parameters.AddWithValue("$key", PinKey.Of(plan.Root));
            write.Parameters.AddWithValue("$plan", ShardPlanJson.Serialize(plan));
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Forgets the spool rows of a succeeded add (its subtrees are in its pins' plans now).</summary>
    public Task ForgetAsync(string addId, CancellationToken cancellationToken) =>
        store.RunAsync("the spool placements cannot be written", async ct =>
        {
            using var write = store.Command("DELETE FROM spool_placements WHERE add_id = $add");
            write.Parameters.AddWithValue("$add", addId);
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Retires the subtrees placed for every add not running any more (into <c>retired_plans</c>), for the coordinator to release.</summary>
    /// <param name="running">The ids of the adds in progress in this process.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many subtree plans were retired.</returns>
    public Task<int> AbandonAsync(IReadOnlyCollection<string> running, CancellationToken cancellationToken) =>
        store.RunAsync("the spool placements cannot be written", async ct =>
        {
            var adds = new List<string>();
            using (var read = store.Command("SELECT DISTINCT add_id FROM spool_placements"))
            using (var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    adds.Add(reader.GetString(0));
                }
            }

            var retired = 0;
            foreach (var add in adds.Where(a => !running.Contains(a)))
            {
                using var transaction = store.Connection.BeginTransaction(deferred: false);
                using var write = store.Command("""
                    INSERT OR REPLACE INTO retired_plans (key, plan) SELECT key, plan FROM spool_placements WHERE add_id = $add;
                    DELETE FROM spool_placements WHERE add_id = $add;
                    """, transaction);
                write.Parameters.AddWithValue("$add", add);
                retired += await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false) / 2;
                transaction.Commit();
            }

            return retired;
        }, cancellationToken);
}
