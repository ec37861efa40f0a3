using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;

namespace IpfsKit.Roles.Master;

/// <content>
/// The placements in progress of the adds the master streams (<see cref="Roles.RolesOptions.SpoolBudget"/>): each subtree
/// placed on workers while its add runs is recorded (before it is sent) under the add's id, as a plan of its own whose
/// root is the subtree. A succeeded add adopts them into its pin's plan and forgets the rows; the rows of an add that
/// failed, was cancelled or died with the master are retired, and the coordinator releases them on the workers.
/// </content>
public sealed partial class MasterPinset
{
    /// <summary>Records a subtree an add in progress is placing (its plan's root is the subtree).</summary>
    internal Task RecordSpoolAsync(string addId, ShardPlan plan, CancellationToken cancellationToken) =>
        RunAsync("a spool placement cannot be written", async ct =>
        {
            using var write = _db.Command("INSERT OR REPLACE INTO spool_placements (add_id, key, plan) VALUES ($add, $key, $plan)");
            write.Parameters.AddWithValue("$add", addId);
            write.Parameters.AddWithValue("$key", Key(plan.Root));
            write.Parameters.AddWithValue("$plan", ShardPlanJson.Serialize(plan));
            return await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Writes a streamed add's pin as placed with the plan that adopted its subtrees, unless the pin exists with a plan
    /// already (the same content added before: its placements stay, the add's are then released).
    /// </summary>
    /// <returns>Whether the plan was written.</returns>
    internal Task<bool> AdoptAsync(Cid root, ShardPlan plan, CancellationToken cancellationToken) =>
        RunAsync("the pinset cannot be written", async ct =>
        {
            using var write = _db.Command("""
                INSERT INTO pins (key, cid, mode, source, state, plan, added_at) VALUES ($key, $cid, $mode, $source, $placed, $plan, $now)
                ON CONFLICT (key) DO UPDATE SET mode = $mode, state = $placed, plan = $plan, error = NULL WHERE pins.plan IS NULL;
                """);
            write.Parameters.AddWithValue("$key", Key(root));
            write.Parameters.AddWithValue("$cid", root.ToString());
            write.Parameters.AddWithValue("$mode", (int)Transports.PinMode.Recursive);
            write.Parameters.AddWithValue("$source", Internal.MasterTransport.LocalSource);
            write.Parameters.AddWithValue("$placed", (int)MasterPinState.Placed);
            write.Parameters.AddWithValue("$plan", ShardPlanJson.Serialize(plan));
            write.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            return await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    /// <summary>Forgets the spool rows of a succeeded add (its subtrees are in its pins' plans now).</summary>
    internal Task ForgetSpoolAsync(string addId, CancellationToken cancellationToken) =>
        RunAsync("the spool placements cannot be written", async ct =>
        {
            using var write = _db.Command("DELETE FROM spool_placements WHERE add_id = $add");
            write.Parameters.AddWithValue("$add", addId);
            return await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Retires the subtrees placed for every add not running any more, for the coordinator to release.</summary>
    /// <param name="running">The ids of the adds in progress in this process.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many subtree plans were retired.</returns>
    internal Task<int> AbandonSpoolAsync(IReadOnlyCollection<string> running, CancellationToken cancellationToken) =>
        RunAsync("the spool placements cannot be written", async ct =>
        {
            var adds = new List<string>();
            using (var read = _db.Command("SELECT DISTINCT add_id FROM spool_placements"))
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
                using var transaction = _db.Connection.BeginTransaction(deferred: false);
                using var write = _db.Command("""
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
