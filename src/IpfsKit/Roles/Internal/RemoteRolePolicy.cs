using IpfsKit.Blocks;
using IpfsKit.Internal;
using IpfsKit.Roles.Coordination.Internal;
using IpfsKit.Transports;
using IpfsKit.Transports.Internal;

namespace IpfsKit.Roles.Internal;

/// <summary>
/// The policy of a node that depends on a master (worker, leecher): blocks it lacks are read from the master (verified
/// and cached by the tiered store; never in a call that came from the master, <see cref="ReadScope"/>), it is online while the master answers, and <paramref name="wrap"/> adds the
/// role's behaviour to the local transport. A pin with a policy goes to <paramref name="pinWithPolicy"/> when given (the
/// leecher queues it for the master, policy included); else it is pinned locally and the policy ignored (a worker).
/// With <paramref name="readsUpOnlyWhenReachable"/> (an edge leecher in offline mode) the master is read only while the
/// link is up, i.e. inside a sync window; else reads from the cache only.
/// </summary>
internal sealed class RemoteRolePolicy(
    IIpfsTransport master, MasterLinkState link, Func<IIpfsTransport, IIpfsTransport> wrap, Func<Content.Cid, PinOptions, CancellationToken, Task>? pinWithPolicy = null, bool readsUpOnlyWhenReachable = false)
    : IRoleTransportPolicy
{
    public IBlockSource? Next { get; } = new UpwardBlockSource(new TransportBlockSource(master), readsUpOnlyWhenReachable ? () => link.IsReachable : null);

    public bool? IsOnline => link.IsReachable;

    public IIpfsTransport Wrap(IIpfsTransport local) => wrap(local);

    public Task PinAsync(IIpfsTransport transport, Content.Cid cid, PinOptions options, CancellationToken cancellationToken) =>
        pinWithPolicy is not null ? pinWithPolicy(cid, options, cancellationToken) : transport.PinAsync(cid, options.Mode, cancellationToken);
}
