using IpfsKit.Blocks;
using IpfsKit.Facade.Internal;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Internal;

/// <summary>
/// The policy of a node that depends on a master (worker, leecher): blocks it lacks are read from the master (verified
/// and cached by the tiered store), it is online while the master answers, and <paramref name="wrap"/> adds the
/// role's behaviour to the local transport.
/// </summary>
internal sealed class RemoteRolePolicy(IIpfsTransport master, MasterLinkState link, Func<IIpfsTransport, IIpfsTransport> wrap) : IRoleTransportPolicy
{
    public IBlockSource? Next { get; } = new TransportBlockSource(master);

    public bool? IsOnline => link.IsReachable;

    public IIpfsTransport Wrap(IIpfsTransport local) => wrap(local);
}
