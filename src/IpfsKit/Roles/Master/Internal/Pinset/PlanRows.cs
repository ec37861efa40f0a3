using IpfsKit.Sharding;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Roles.Master.Internal.Pinset;

/// <summary>Reads plans stored as JSON (the plans in force, retired, stale): one column, one plan a row.</summary>
internal static class PlanRows
{
    /// <summary>Runs <paramref name="sql"/> (selecting one plan column) and parses each row.</summary>
    public static Task<IReadOnlyList<ShardPlan>> ReadAsync(SqliteStore store, string sql, string failure, CancellationToken cancellationToken) =>
        store.RunAsync<IReadOnlyList<ShardPlan>>(failure, async ct =>
        {
            using var read = store.Command(sql);
            var plans = new List<ShardPlan>();
            using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                plans.Add(ShardPlanJson.Deserialize(reader.GetString(0)));
            }

            return plans;
        }, cancellationToken);
}
