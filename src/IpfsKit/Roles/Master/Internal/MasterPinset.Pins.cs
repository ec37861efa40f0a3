using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Master.Internal;

/// <content>The pins: ingest and removal (once per key), reading them, their states, plans in force and policies.</content>
internal sealed partial class MasterPinset
{
    /// <summary>
    /// Adds a pin to the pinset as pending (a pin already there keeps its state unless its mode changes), once per key.
    /// </summary>
    /// <param name="cid">The root to pin.</param>
    /// <param name="mode">Recursive or direct.</param>
    /// <param name="source">Who asks: <c>local</c> or <c>forwarded</c>.</param>
    /// <param name="idempotencyKey">The forwarded operation's key, or <see langword="null"/> for a local pin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when <paramref name="idempotencyKey"/> was applied before (nothing changed); else <see langword="true"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="cid"/> is empty or <paramref name="mode"/> is indirect.</exception>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> IngestAsync(Cid cid, PinMode mode, string source, Guid? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (cid.IsEmpty || mode is not (PinMode.Recursive or PinMode.Direct))
        {
            throw new ArgumentException("A pin needs a CID and a recursive or direct mode.", nameof(cid));
        }

        return Pins.IngestAsync(cid, mode, source, idempotencyKey, cancellationToken);
    }

    /// <summary>Removes a pin, once per key; its plan, if any, is retired for the coordinator to release.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="idempotencyKey">The forwarded operation's key, or <see langword="null"/> for a local unpin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when <paramref name="idempotencyKey"/> was applied before (nothing changed); else <see langword="true"/>.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> RemoveAsync(Cid cid, Guid? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Pins.RemoveAsync(cid, idempotencyKey, cancellationToken);

    /// <summary>Lists the pinset, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pins.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<MasterPinInfo>> ListAsync(CancellationToken cancellationToken = default) => Pins.ListAsync(null, cancellationToken);

    /// <summary>Gets one pin.</summary>
    /// <param name="cid">The root (CIDv0 or CIDv1).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pin, or <see langword="null"/> when it is not in the pinset.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public async Task<MasterPinInfo?> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
        await Pins.ListAsync(cid, cancellationToken).ConfigureAwait(false) is [var pin, ..] ? pin : null;

    /// <summary>Gets the plan in force for a pin.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plan, or <see langword="null"/> when the pin is unknown or has none yet.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<ShardPlan?> GetPlanAsync(Cid cid, CancellationToken cancellationToken = default) => Pins.GetPlanAsync(cid, cancellationToken);

    /// <summary>Stores the plan in force for a pin and marks it placed.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="plan">The plan whose placements are all verified.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the pin is no longer in the pinset.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> SetPlacedAsync(Cid cid, ShardPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Pins.SetStateAsync(cid, MasterPinState.Placed, plan, null, cancellationToken);
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
        return Pins.SetStateAsync(cid, MasterPinState.Failed, null, error, cancellationToken);
    }

    /// <summary>Keeps a pin pending with the reason it cannot be placed now (shown as its <see cref="MasterPinInfo.Error"/>).</summary>
    /// <param name="cid">The root.</param>
    /// <param name="reason">Why it waits.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the pin is no longer in the pinset.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> SetWaitingAsync(Cid cid, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return Pins.SetStateAsync(cid, MasterPinState.Pending, null, reason, cancellationToken);
    }

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
        return Policies.SetAsync(cid, policy, cancellationToken);
    }
}
