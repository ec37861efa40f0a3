using System.Net;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.Roles.Coordination;
using IpfsKit.Transports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The members this master polls itself, having no IpfsKit beside them: the stock Kubo daemons of
/// <see cref="RolesOptions.KuboWorkers"/> and the IPFS Clusters of <see cref="RolesOptions.ClusterMembers"/>. At start each
/// endpoint must answer its identity call as its kind does (Kubo's <c>/api/v0/id</c>, the cluster's <c>/id</c>): one that
/// answers something else is refused, its URL named. Then, every heartbeat interval, each is polled through its member
/// transport (identity: the member id; repo stat: capacity StorageMax, free StorageMax − RepoSize, which for a cluster
/// is the sum of its peers' free space) and joined or beaten for through <see cref="MasterNode"/>. One that stops
/// answering simply stops beating: the master declares it dead and repairs its ranges like any member's.
/// </summary>
internal sealed class PolledMembers(MasterNode master, MasterStore store, IHttpClientFactory httpClients, ILogger<PolledMembers> logger) : BackgroundService
{
    /// <summary>Kubo's default <c>Datastore.StorageMax</c> (10 GB), for a daemon that reports no limit.</summary>
    public const long DefaultStorageMax = 10_000_000_000;

    /// <summary>What js-ipfs 0.66 reports as <c>StorageMax</c> (JavaScript's <c>Number.MAX_SAFE_INTEGER</c>): no limit.</summary>
    public const long JsNoLimit = (1L << 53) - 1;

    private readonly List<Member> _members = [];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var members = store.Options.KuboWorkers.Select(k => new Member(MemberKind.Kubo, WorkerTransports.KuboMemberUrl(k.Url!), k.Zone, k.Tags, WorkerTransports.ForKubo(httpClients, k)))
            .Concat(store.Options.ClusterMembers.Select(c => new Member(MemberKind.IpfsCluster, WorkerTransports.KuboMemberUrl(c.Url!), c.Zone, c.Tags, WorkerTransports.ForCluster(httpClients, c))));
        foreach (var member in members)
        {
            try
            {
                await member.Transport.IdentifyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IpfsKitRemoteException e) when (e.StatusCode is null || IsKuboFault(e))
            {
                PolledMembersLog.Unreachable(logger, member.Url, e); // a dead member, not a refusal: it may come up later
            }
            catch (IpfsKitRemoteException e)
            {
                throw RemoteErrors.Answer(
                    member.Url.AbsoluteUri,
                    e.StatusCode,
                    new RemoteError(
                        member.Kind == MemberKind.Kubo
                            ? $"this Kubo worker (IpfsKit:Roles:KuboWorkers, IPFS_KIT_KUBO_WORKERS) is not a Kubo RPC API: POST /api/v0/id answered {e.RemoteMessage}"
                            : $"this cluster member (IpfsKit:Roles:ClusterMembers, IPFS_KIT_CLUSTER_MEMBERS) is not an IPFS Cluster REST API: GET /id answered {e.RemoteMessage}",
                        e.RemoteCode,
                        e.ErrorCode),
                    e);
            }

            _members.Add(member);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_members.Select(m => PollLoopAsync(m, stoppingToken)));

    /// <summary>A 5xx with Kubo's error JSON: a Kubo daemon that failed this once, not a URL that is no Kubo API.</summary>
    private static bool IsKuboFault(IpfsKitRemoteException e) => e.RemoteCode is not null && e.StatusCode >= HttpStatusCode.InternalServerError;

    private async Task PollLoopAsync(Member member, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(store.Options.HeartbeatInterval, store.Time);
        do
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            poll.CancelAfter(store.Options.HeartbeatInterval * store.Options.MissedHeartbeats);
            try
            {
                await BeatAsync(member, poll.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IpfsKitRemoteException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                if (member.Answering)
                {
                    PolledMembersLog.Unreachable(logger, member.Url, e);
                }

                member.Answering = false;
            }
            catch (Exception e) when (e is IpfsKitException or ArgumentException && !stoppingToken.IsCancellationRequested)
            {
                PolledMembersLog.JoinFailed(logger, member.Url, e); // refused (MaxMembers, a cycle) or an impossible report
                member.Id = null;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task BeatAsync(Member member, CancellationToken cancellationToken)
    {
        var id = (await member.Transport.IdentifyAsync(cancellationToken).ConfigureAwait(false)).Id;
        var stat = await member.Transport.RepoStatAsync(cancellationToken).ConfigureAwait(false);
        member.Answering = true;
        var capacity = stat.StorageMax;
        if (member.Kind == MemberKind.Kubo && capacity is <= 0 or >= JsNoLimit)
        {
            if (!member.NoStorageMaxLogged)
            {
                PolledMembersLog.NoStorageMax(logger, member.Url, DefaultStorageMax);
                member.NoStorageMaxLogged = true;
            }

            capacity = DefaultStorageMax;
        }

        capacity = Math.Min(capacity, MemberCapacity.MaxBytes);
        var free = Math.Clamp(capacity - stat.RepoSize, 0, capacity);
        if (member.Id == id && await master.HeartbeatAsync(new WorkerHeartbeat(id, capacity, free, 0), cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        // New, dead, or another daemon now answers at this URL (a new peer ID: the old one stops beating).
        var tags = member.Tags is { } text ? MemberTags.Parse(text) : null;
        await master.JoinAsync(new WorkerJoinRequest(id, member.Url, capacity, free, member.Zone, tags) { Kind = member.Kind }, cancellationToken).ConfigureAwait(false);
        member.Id = id;
        PolledMembersLog.Joined(logger, member.Url, id, free, capacity);
    }

    private sealed class Member(MemberKind kind, Uri url, string? zone, string? tags, IIpfsTransport transport)
    {
        public MemberKind Kind { get; } = kind;

        public string? Zone { get; } = zone;

        public string? Tags { get; } = tags;

        public Uri Url { get; } = url;

        public IIpfsTransport Transport { get; } = transport;

        public string? Id { get; set; }

        public bool Answering { get; set; } = true;

        public bool NoStorageMaxLogged { get; set; }
    }
}
