using System.Text.Json;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination.Internal;
using IpfsKit.Sqlite.Internal;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Master.Internal.Pinset;

/// <summary>
/// Per-pin policies (table <c>pin_policies</c>, one JSON row a pin with a policy; a file made before it keeps its pins
/// with the cluster's defaults). A pin's removal drops its policy in the same transaction (<see cref="PinTable"/>).
/// </summary>
internal sealed class PinPolicyTable(SqliteStore store)
{
    /// <summary>The policy of the <c>pins</c> row being read, as one more selected column.</summary>
    public const string PolicyOfPin = "(SELECT policy FROM pin_policies WHERE pin_policies.key = pins.key)";

    /// <summary>Sets a pin's policy; <see langword="null"/> or one with only defaults removes it.</summary>
    public Task SetAsync(Cid cid, PinOptions? policy, CancellationToken cancellationToken)
    {
        var json = policy is null || policy.IsDefault ? null : JsonSerializer.Serialize(policy with { Mode = PinMode.Recursive }, CoordinationJsonContext.Default.PinOptions);
        return store.RunAsync("the pin's policy cannot be written", async ct =>
        {
            using var write = store.Command(json is null
                ? "DELETE FROM pin_policies WHERE key = $key"
                : "INSERT INTO pin_policies (key, policy) VALUES ($key, $policy) ON CONFLICT (key) DO UPDATE SET policy = $policy");
            write.Parameters.AddWithValue("$key", PinKey.Of(cid));
            write.Parameters.AddWithValue("$policy", (object?)json ?? DBNull.Value);
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Parses a stored policy.</summary>
    public static PinOptions? FromJson(string json) => JsonSerializer.Deserialize(json, CoordinationJsonContext.Default.PinOptions);
}
