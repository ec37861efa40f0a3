using System.Collections.Concurrent;
using System.Net.Http.Headers;
using IpfsKit.Http.Internal;
using IpfsKit.Roles.Coordination;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The master's transports to its workers: a <see cref="KuboRpcTransport"/> on each worker's host API (its
/// <see cref="WorkerInfo.ApiUrl"/>), with the cluster's bearer token when one is set and the down-only header
/// (<see cref="CoordinationPaths.DownOnlyHeader"/>). Clients come from the named
/// <see cref="HttpClientName"/> client, so resilience handlers can be added to it. A stock Kubo daemon the master polls
/// itself gets only its own Authorization header (<see cref="ForKubo"/>).
/// </summary>
internal sealed class WorkerTransports
{
    public const string HttpClientName = "IpfsKit.Master.Workers";

    private readonly ConcurrentDictionary<(string Id, Uri Url), IIpfsTransport> _transports = new();
    private readonly Func<WorkerInfo, IIpfsTransport> _create;

    public WorkerTransports(IHttpClientFactory httpClients, MasterStore store)
        : this(worker => Create(httpClients, store, worker.ApiUrl))
    {
    }

    private WorkerTransports(Func<WorkerInfo, IIpfsTransport> create) => _create = create;

    /// <summary>Transports made by <paramref name="create"/> (tests: in-process nodes standing for the workers).</summary>
    public static WorkerTransports Over(Func<WorkerInfo, IIpfsTransport> create) => new(create);

    public IIpfsTransport Get(WorkerInfo worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return _transports.GetOrAdd((worker.WorkerId, worker.ApiUrl), _ => _create(worker));
    }

    /// <summary>
    /// A transport to a stock Kubo daemon the master polls itself (<see cref="RolesOptions.KuboWorkers"/>): only the
    /// endpoint's own Authorization header, never the cluster's token nor the down-only header.
    /// </summary>
    public static KuboRpcTransport ForKubo(IHttpClientFactory httpClients, KuboWorkerEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(endpoint?.Url);
        var client = httpClients.CreateClient(HttpClientName);
        client.BaseAddress = KuboMemberUrl(endpoint.Url);
        if (endpoint.Authorization is { Length: > 0 } authorization)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        return new KuboRpcTransport(client);
    }

    /// <summary>
    /// A transport to an IPFS Cluster the master counts as a member (<see cref="RolesOptions.ClusterMembers"/>): blocks
    /// through its IPFS proxy, pins through its REST API, both with only the endpoint's own Authorization header.
    /// </summary>
    public static IpfsClusterMemberTransport ForCluster(IHttpClientFactory httpClients, IpfsClusterMemberEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(endpoint?.Url);
        var proxy = ForKubo(httpClients, new KuboWorkerEndpoint { Url = endpoint.EffectiveProxyUrl(), Authorization = endpoint.Authorization });
        var rest = httpClients.CreateClient(HttpClientName);
        rest.BaseAddress = KuboMemberUrl(endpoint.Url);
        if (endpoint.Authorization is { Length: > 0 } authorization)
        {
            rest.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        return new IpfsClusterMemberTransport(proxy, new IpfsKit.IpfsCluster.IpfsClusterClient(rest), endpoint);
    }

    /// <summary>The member URL of a Kubo daemon: its API root, ending with a slash.</summary>
    public static Uri KuboMemberUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return RemoteHttpClients.Root(url);
    }

    private static IIpfsTransport Create(IHttpClientFactory httpClients, MasterStore store, Uri url)
    {
        if (store.Options.ClusterMembers.FirstOrDefault(c => c.Url is not null && KuboMemberUrl(c.Url) == url) is { } cluster)
        {
            return ForCluster(httpClients, cluster);
        }

        if (store.Options.KuboWorkers.FirstOrDefault(k => k.Url is not null && KuboMemberUrl(k.Url) == url) is { } kubo)
        {
            return ForKubo(httpClients, kubo);
        }

        var client = httpClients.CreateClient(HttpClientName);
        client.BaseAddress = url;
        client.DefaultRequestHeaders.Add(CoordinationPaths.DownOnlyHeader, "1"); // a member never sends these calls back up
        if (store.Options.ApiToken is { Length: > 0 } token)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return new KuboRpcTransport(client);
    }
}
