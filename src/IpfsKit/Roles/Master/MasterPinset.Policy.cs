using System.Text.Json;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Coordination.Internal;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Master;

/// <content>
/// Per-pin policies (table <c>pin_policies</c>, one JSON row a pin with a policy; created beside the older tables, so
/// an existing <c>master.db</c> opens unchanged and its pins keep the cluster's defaults), and the reason a pin waits.
/// </content>
public sealed partial class MasterPinset
{
    /// <summary>Sets a pin's policy ahead of (or after) its ingest; the cluster's defaults forget any earlier policy.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="policy">The policy; <see langword="null"/> or one with only defaults removes it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the policy is stored.</returns>
    /// <exception cref="IpfsKitPinPolicyException">The policy's replication bounds are out of range.</exception>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task SetPolicyAsync(Cid cid, PinOptions? policy, CancellationToken cancellationToken = default)
    {
        policy?.Validate();
        var json = policy is null || policy.IsDefault ? null : JsonSerializer.Serialize(policy with { Mode = PinMode.Recursive }, CoordinationJsonContext.Default.PinOptions);
        return RunAsync("the pin's policy cannot be written", async ct =>
        {
            using var write = _db.Command(json is null
                ? "DELETE FROM pin_policies WHERE key = $key"
                : "INSERT INTO pin_policies (key, policy) VALUES ($key, $policy) ON CONFLICT (key) DO UPDATE SET policy = $policy");
            write.Parameters.AddWithValue("$key", Key(cid));
            write.Parameters.AddWithValue("$policy", (object?)json ?? DBNull.Value);
            return await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Keeps a pin pending with the reason it cannot be placed now (shown as its <see cref="Coordination.MasterPinInfo.Error"/>).</summary>
    /// <param name="cid">The root.</param>
    /// <param name="reason">Why it waits.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the pin is no longer in the pinset.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> SetWaitingAsync(Cid cid, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return SetStateAsync(cid, MasterPinState.Pending, null, reason, cancellationToken);
    }

    private static PinOptions? PolicyFromJson(string json) => JsonSerializer.Deserialize(json, CoordinationJsonContext.Default.PinOptions);
}
