using IpfsKit.Blocks;
using IpfsKit.Http.Internal;
using IpfsKit.Internal;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;
using IpfsKit.Transports.Internal;
using IpfsKit.Transports.KuboRpc;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The master's role policy: blocks it does not hold (the leaves it dropped once placed) are read from the workers
/// that hold them (<see cref="MasterBlockSource"/>), cached in memory only unless it keeps everything; it judges
/// "online" by its calls, and ingests its pins.
/// </summary>
/// <remarks>
/// The master of a sub-cluster (<see cref="RolesOptions.MasterNode"/> set: it joined a parent master) reads what none of
/// its members holds from its parent (<see cref="DownThenUpBlockSource"/>): its repairs and reads then find the
/// replicas held by other sub-clusters.
/// </remarks>
internal sealed class MasterTransportPolicy(MasterStore store, MasterBlockSource reads, LeafDropper dropper, SpoolGate spool, IServiceProvider services) : IRoleTransportPolicy
{
    private readonly Lazy<IBlockSource> _next = new(() => store.Options.MasterNode is null
        ? reads
        : new DownThenUpBlockSource(reads, new UpwardBlockSource(new TransportBlockSource(
            services.GetRequiredKeyedService<KuboRpcTransport>(HttpClientNames.MasterLink)))));

    public IBlockSource? Next => _next.Value;

    public bool? IsOnline => null;

    public IIpfsTransport Wrap(IIpfsTransport local)
    {
        if (local is EmbeddedTransport embedded)
        {
            embedded.Blocks.KeepsFetchedOnDisk = store.Options.MasterKeeps == MasterKeeps.Everything;
            reads.Attach(embedded.Blocks.Local);
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
