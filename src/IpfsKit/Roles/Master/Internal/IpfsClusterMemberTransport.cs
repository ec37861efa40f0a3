using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.IpfsCluster;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// An IPFS Cluster as one member's transport (<see cref="RolesOptions.ClusterMembers"/>): blocks are put and read through
/// the cluster's IPFS proxy (<paramref name="proxy"/>, a Kubo RPC API forwarded to its peer's daemon, from which the
/// allocated peers fetch them); pins go to its REST API (<c>POST /pins/{cid}?mode=…&amp;replication-min=…&amp;replication-max=…&amp;name=…</c>),
/// which replicates them over its peers; a pin counts as held while at least one peer reports it <c>pinned</c>
/// (<c>GET /pins</c>); its room is the sum of its peers' <c>freespace</c> metrics; its id is the REST API peer's.
/// </summary>
internal sealed class IpfsClusterMemberTransport(IIpfsTransport proxy, IpfsClusterClient cluster, IpfsClusterMemberEndpoint endpoint) : DelegatingIpfsTransport(proxy)
{
    /// <summary>The <c>name</c> of the cluster pins the master makes.</summary>
    public const string PinName = "ipfs-kit";

    public override Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
        cluster.PinAsync(cid, new IpfsClusterPinOptions { Mode = mode, Name = PinName, ReplicationMin = endpoint.ReplicationMin, ReplicationMax = endpoint.ReplicationMax }, cancellationToken);

    public override async Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default)
    {
        try
        {
            await cluster.UnpinAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (IpfsKitRemoteException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new IpfsKitNotPinnedException(cid, $"the cluster at {endpoint.Url} does not pin it ({e.RemoteMessage})");
        }
    }

    public override async IAsyncEnumerable<PinEntry> ListPinsAsync(PinMode? mode = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var modes = new Dictionary<Cid, PinMode>();
        await foreach (var pin in cluster.AllocationsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            modes[pin.Cid.ToV1()] = pin.Mode == "direct" ? PinMode.Direct : PinMode.Recursive;
        }

        await foreach (var status in cluster.PinsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var pinMode = modes.GetValueOrDefault(status.Cid.ToV1(), PinMode.Recursive);
            if ((mode is null || mode == pinMode) && status.PeerMap.Values.Any(p => p.Status == IpfsClusterTrackerStatus.Pinned))
            {
                yield return new PinEntry(status.Cid, pinMode);
            }
        }
    }

    public override async Task<PeerIdentity> IdentifyAsync(CancellationToken cancellationToken = default)
    {
        var peer = await cluster.IdAsync(cancellationToken).ConfigureAwait(false);
        return new PeerIdentity(peer.Id, peer.Addresses, "ipfs-cluster/" + peer.Version);
    }

    /// <summary>The cluster's room: <c>StorageMax</c> is the sum of its peers' valid <c>freespace</c> metrics, <c>RepoSize</c> 0.</summary>
    public override async Task<RepoStat> RepoStatAsync(CancellationToken cancellationToken = default)
    {
        long free = 0;
        await foreach (var metric in cluster.MetricsAsync("freespace", cancellationToken).ConfigureAwait(false))
        {
            if (metric.Valid && long.TryParse(metric.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
            {
                free = Math.Min(MemberCapacity.MaxBytes, free + bytes);
            }
        }

        return new RepoStat(0, free, 0);
    }
}
