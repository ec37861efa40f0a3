using IpfsKit.Blocks;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The master's role policy: blocks it does not hold (the leaves it dropped once placed) are read from the workers
/// that hold them (<see cref="MasterBlockSource"/>), cached in memory only unless it keeps everything; it judges
/// "online" by its calls, and ingests its pins.
/// </summary>
internal sealed class MasterTransportPolicy(MasterStore store, MasterBlockSource reads, LeafDropper dropper, SpoolGate spool) : IRoleTransportPolicy
{
    public IBlockSource? Next => reads;

    public bool? IsOnline => null;

    public IIpfsTransport Wrap(IIpfsTransport local)
    {
        if (local is EmbeddedTransport embedded)
        {
            embedded.Blocks.KeepsFetchedOnDisk = store.Options.MasterKeeps == MasterKeeps.Everything;
            reads.Attach(new LocalTierSource(embedded.Blocks));
        }

        return new MasterTransport(local, store, dropper, spool);
    }

    public async Task SetPinPolicyAsync(Content.Cid cid, PinOptions options, CancellationToken cancellationToken)
    {
        options.Validate(store.Options.MaxMembers);
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        await pinset.SetPolicyAsync(cid, options, cancellationToken).ConfigureAwait(false);
    }
}
