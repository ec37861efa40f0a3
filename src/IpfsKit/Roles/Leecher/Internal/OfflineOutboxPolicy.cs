using IpfsKit.Blocks;
using IpfsKit.Internal;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>
/// The policy <c>WithOfflineOutbox</c> puts over a remote transport: writes through <see cref="OfflineOutboxTransport"/>,
/// online while the node answers. Blocks still come from the node through the cache (no other next source).
/// </summary>
internal sealed class OfflineOutboxPolicy(OfflineOutboxLink link) : IRoleTransportPolicy
{
    public IBlockSource? Next => null;

    public bool? IsOnline => link.IsOnline;

    public IIpfsTransport Wrap(IIpfsTransport local) => new OfflineOutboxTransport(local, link);
}
