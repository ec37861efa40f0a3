using IpfsKit.Content;
using IpfsKit.Sharding;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Roles.Master.Internal.Pinset;

/// <summary>
/// The plans of removed pins (and of abandoned adds' subtrees) whose placements are still to be released on the workers
/// (table <c>retired_plans</c>). Rows are written by the pin table's removal and the spool's abandonment, in their
/// transactions; the coordinator lists them and forgets each once released.
/// </summary>
internal sealed class RetiredPlanTable(SqliteStore store)
{
    /// <summary>Lists the retired plans.</summary>
    public Task<IReadOnlyList<ShardPlan>> ListAsync(CancellationToken cancellationToken) =>
        PlanRows.ReadAsync(store, "SELECT plan FROM retired_plans ORDER BY key", "the retired plans cannot be read", cancellationToken);

    /// <summary>Forgets a retired plan once its placements are released.</summary>
    public Task ForgetAsync(Cid root, CancellationToken cancellationToken) =>
        store.RunAsync("a retired plan cannot be forgotten", async ct =>
        {
            using var write = store.Command("DELETE FROM retired_plans WHERE key = $key");
            write.Parameters.AddWithValue("$key", PinKey.Of(root));
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
}
