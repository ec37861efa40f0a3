using IpfsKit.Blocks;
using IpfsKit.Transports;

namespace IpfsKit.Internal;

/// <summary>
/// What a role changes in the node's parts: where missing blocks come from, how the local transport is wrapped (the
/// master ingests pins, the leecher forwards them), and what "online" means. Registered by <c>UseRole</c>; at most one.
/// </summary>
internal interface IRoleTransportPolicy
{
    /// <summary>Gets where the embedded node reads blocks it does not hold (the master, for workers and leechers).</summary>
    IBlockSource? Next { get; }

    /// <summary>Gets whether the node can reach what its role depends on, or <see langword="null"/> to let the facade judge by its calls.</summary>
    bool? IsOnline { get; }

    /// <summary>Wraps the opened local transport with the role's behaviour.</summary>
    /// <param name="local">The node's own transport.</param>
    /// <returns>The transport the facade and the host API use.</returns>
    IIpfsTransport Wrap(IIpfsTransport local);

    /// <summary>Records a pin's cluster policy before the pin is made (a master keeps it in its pinset); other roles ignore it.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="options">The policy.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when recorded.</returns>
    Task SetPinPolicyAsync(Content.Cid cid, PinOptions options, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Pins with a cluster policy: records the policy first (<see cref="SetPinPolicyAsync"/>), so the pin is never placed
    /// by the defaults in between, then pins on <paramref name="transport"/>. A leecher queues the pin with its policy.
    /// </summary>
    /// <param name="transport">The wrapped transport the facade uses.</param>
    /// <param name="cid">The root.</param>
    /// <param name="options">The mode and policy (validated by the caller).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when pinned (or queued).</returns>
    async Task PinAsync(IIpfsTransport transport, Content.Cid cid, PinOptions options, CancellationToken cancellationToken)
    {
        await SetPinPolicyAsync(cid, options, cancellationToken).ConfigureAwait(false);
        await transport.PinAsync(cid, options.Mode, cancellationToken).ConfigureAwait(false);
    }
}
