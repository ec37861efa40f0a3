using IpfsKit.Blocks;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>The master's role policy: it holds everything itself (no next source), judges "online" by its calls, and ingests its pins.</summary>
internal sealed class MasterTransportPolicy(MasterStore store) : IRoleTransportPolicy
{
    public IBlockSource? Next => null;

    public bool? IsOnline => null;

    public IIpfsTransport Wrap(IIpfsTransport local) => new MasterTransport(local, store);

    public async Task SetPinPolicyAsync(Content.Cid cid, PinOptions options, CancellationToken cancellationToken)
    {
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        await pinset.SetPolicyAsync(cid, options, cancellationToken).ConfigureAwait(false);
    }
}
