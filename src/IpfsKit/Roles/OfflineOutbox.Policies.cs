using System.Text.Json;
using IpfsKit.Roles.Coordination.Internal;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Roles;

/// <content>
/// Pin policies (<see cref="OutboxOperation.Policy"/>): table <c>outbox_policies</c>, one JSON row for each operation
/// key that has one, created beside the older tables so an outbox file written before them opens unchanged. A policy
/// follows its operation's key through parking and requeueing, and is removed with the operation once sent.
/// </content>
public sealed partial class OfflineOutbox
{
    /// <summary>The policy of the row of <paramref name="table"/>, as one more selected column.</summary>
    private static string PolicyOf(string table) => $"(SELECT policy FROM outbox_policies p WHERE p.key = {table}.key)";

    private static PinOptions? ReadPolicy(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : JsonSerializer.Deserialize(reader.GetString(ordinal), CoordinationJsonContext.Default.PinOptions);

    private static async Task InsertPolicyAsync(SqliteCommand command, OutboxOperation operation)
    {
        if (operation.Policy is not { } policy)
        {
            return;
        }

        command.CommandText = "INSERT OR REPLACE INTO outbox_policies (key, policy) VALUES ($key, $policy)";
        command.Parameters.AddWithValue("$key", operation.IdempotencyKey.ToByteArray());
        command.Parameters.AddWithValue("$policy", JsonSerializer.Serialize(policy, CoordinationJsonContext.Default.PinOptions));
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
