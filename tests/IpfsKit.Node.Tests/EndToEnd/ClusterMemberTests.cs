using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Testing.Cluster;
using IpfsKit.Testing.PeerRig;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>Two js-ipfs daemons: the stand-in cluster's IPFS proxy daemon, and a stock Kubo worker beside the cluster.</summary>
public sealed class ClusterAndKuboFixture() : IpfsPeerFixture(2);

/// <summary>
/// Issue 14 (2): an IPFS Cluster as one member of a real master process (IpfsKit:Roles:ClusterMembers). IPFS Cluster
/// cannot run here, so its REST API is a STAND-IN on loopback (<see cref="FakeClusterApi"/>) answering as ipfs-cluster
/// v1.1 documents it (<c>api/rest/restapi.go</c> routes, <c>api/types.go</c> shapes): <c>GET /id</c>;
/// <c>GET /monitor/metrics/freespace</c> as a JSON array of <c>Metric</c>; <c>POST /pins/{cid}</c> with the documented
/// query parameters only (<c>mode</c>, <c>name</c>, <c>replication-min</c>, <c>replication-max</c>, …); streaming NDJSON
/// <c>GET /allocations</c> and <c>GET /pins</c> (<c>GlobalPinInfo</c> with a <c>peer_map</c>); <c>DELETE /pins/{cid}</c>;
/// 404 with the <c>{"code","message"}</c> error body for an unknown pin or route. Its IPFS proxy is a real js-ipfs daemon
/// (the proxy forwards <c>block/put</c>, <c>block/get</c> to its peer's daemon unchanged), and the stand-in pins what the
/// cluster is asked to pin on that daemon, as the allocated peer's ipfshttp connector would. A second js-ipfs daemon is a
/// Kubo worker of the same master, so the file is split between the two kinds of member.
/// </summary>
[Trait("Category", "Engines")]
public sealed class ClusterMemberTests(ClusterAndKuboFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterAndKuboFixture>
{
    private const string ClusterId = ClusterSamples.Peer1;
    private const long FileLength = (16L * 1024 * 1024) + 99;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);
    private static readonly string[] DocumentedPinParameters = ["mode", "name", "replication-min", "replication-max", "user-allocations", "shard-size", "expire-in", "pin-update", "origins"];

    [Fact]
    public Task ClusterMember_ShardedAdd_IsPinnedThroughTheClusterAndReadsBack() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        var daemon = new KuboRpcTransport(new HttpClient { BaseAddress = fixture.Peers[0].ApiBase });
        var pins = new ConcurrentDictionary<Cid, string>();
        using var api = new FakeClusterApi(request => Answer(request, pins, daemon));
        var master = await cluster.StartMasterAsync(new Dictionary<string, string>
        {
            ["IpfsKit__Roles__ClusterMembers__0__Url"] = api.Root.AbsoluteUri,
            ["IpfsKit__Roles__ClusterMembers__0__ProxyUrl"] = fixture.Peers[0].ApiBase.AbsoluteUri,
            ["IpfsKit__Roles__ClusterMembers__0__ReplicationMin"] = "2",
            ["IpfsKit__Roles__ClusterMembers__0__ReplicationMax"] = "3",
            ["IPFS_KIT_KUBO_WORKERS"] = fixture.Peers[1].ApiBase.AbsoluteUri,
        });
        var link = cluster.MasterLink;
        var kuboId = (await new KuboRpcTransport(new HttpClient { BaseAddress = fixture.Peers[1].ApiBase }).IdentifyAsync()).Id;
        var member = (await RoleCluster.EventuallyAsync(
            () => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 2, Patience, "the cluster and the Kubo worker joined", cluster.Logs)).Single(m => m.Kind == MemberKind.IpfsCluster);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: master up; member {member.WorkerId} {member.Kind}, {member.FreeBytes:N0} of {member.CapacityBytes:N0} B free");
        Assert.Equal((ClusterId, MemberKind.IpfsCluster, 10_000_000_000L), (member.WorkerId, member.Kind, member.FreeBytes));

        var content = RandomNumberGenerator.GetBytes((int)FileLength);
        var masterApi = RoleCluster.Api(master);
        var root = (await masterApi.AddAsync(new MemoryStream(content))).Cid;
        await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => p.Single(x => x.Cid == root.ToString()).State == MasterPinState.Placed, Patience, "the add is placed", cluster.Logs);
        var plan = await RoleCluster.PlanAsync(master, root);
        var planned = plan.PlacementsOf(ClusterId).SelectMany(p => p.Pins).ToList();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {FileLength:N0} B placed: {planned.Count} pins ({planned.Count(p => !p.Recursive)} direct) on the cluster, {plan.PlacementsOf(kuboId).Sum(p => p.Pins.Count)} on the Kubo worker; the stand-in saw {api.Requests.Count} requests");
        Assert.Equal(new[] { ClusterId, kuboId }.Order(StringComparer.Ordinal), plan.Targets);
        var posts = api.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.StartsWith("/pins/", StringComparison.Ordinal)).ToList();
        Assert.All(posts, p => Assert.All(p.Query.AllKeys, key => Assert.Contains(key, DocumentedPinParameters)));
        Assert.All(posts, p => Assert.Equal(("ipfs-kit", "2", "3"), (p.Query["name"], p.Query["replication-min"], p.Query["replication-max"])));
        foreach (var pin in planned)
        {
            var post = Assert.Single(posts, p => Cid.Parse(p.PathAndQuery["/pins/".Length..p.PathAndQuery.IndexOf('?', StringComparison.Ordinal)]).ToV1() == pin.Cid.ToV1());
            Assert.Equal(pin.Recursive ? "recursive" : "direct", post.Query["mode"]);
        }

        var held = new HashSet<Cid>();
        await foreach (var pin in daemon.ListPinsAsync())
        {
            held.Add(pin.Cid.ToV1());
        }

        Assert.All(planned, pin => Assert.Contains(pin.Cid.ToV1(), held));
        Assert.Equal(SHA256.HashData(content), await CatHashAsync(masterApi, root));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every pin posted with mode/name/replication and held by the proxy's daemon; cat through the master returns the bytes");

        await masterApi.UnpinAsync(root);
        await RoleCluster.EventuallyAsync(() => Task.FromResult(pins.Count), n => n == 0, Patience, "the cluster pins released (DELETE /pins/{cid})", cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: pin rm on the master released all {planned.Count} cluster pins");
    });

    private static async Task<byte[]> CatHashAsync(KuboRpcTransport api, Cid root)
    {
        await using var stream = await api.CatAsync(root);
        return await SHA256.HashDataAsync(stream);
    }

    /// <summary>The stand-in's answers; pins are kept in <paramref name="pins"/> (CID → mode) and applied on the daemon.</summary>
    private static Reply Answer(SeenRequest request, ConcurrentDictionary<Cid, string> pins, KuboRpcTransport daemon)
    {
        var path = request.PathAndQuery.Split('?')[0];
        switch (request.Method, path)
        {
            case ("GET", "/id"):
                return new Reply(200, ClusterSamples.Id);
            case ("GET", "/monitor/metrics/freespace"):
                return new Reply(200, ClusterSamples.FreeSpaceMetrics);
            case ("GET", "/allocations"):
                return new Reply(200, string.Concat(pins.Select(p => PinJson(p.Key, p.Value) + "\n")));
            case ("GET", "/pins"):
                return new Reply(200, string.Concat(pins.Keys.Select(c => StatusJson(c) + "\n")));
        }

        if (!path.StartsWith("/pins/", StringComparison.Ordinal) || !Cid.TryParse(path["/pins/".Length..], out var cid))
        {
            return new Reply(404, """{"code":404,"message":"404 page not found"}""");
        }

        var mode = request.Query["mode"] ?? "recursive";
        switch (request.Method)
        {
            case "POST":
                daemon.PinAsync(cid, mode == "direct" ? PinMode.Direct : PinMode.Recursive).GetAwaiter().GetResult();
                pins[cid] = mode;
                return new Reply(200, PinJson(cid, mode));
            case "GET" when pins.ContainsKey(cid):
                return new Reply(200, StatusJson(cid));
            case "DELETE" when pins.TryRemove(cid, out var removed):
                daemon.UnpinAsync(cid, removed == "direct" ? PinMode.Direct : PinMode.Recursive).GetAwaiter().GetResult();
                return new Reply(200, PinJson(cid, removed));
            default:
                return new Reply(404, ClusterSamples.NotFound);
        }
    }

    private static string PinJson(Cid cid, string mode) =>
        $$"""{"replication_factor_min":2,"replication_factor_max":3,"name":"ipfs-kit","mode":"{{mode}}","cid":"{{cid}}","type":"pin","allocations":["{{ClusterSamples.Peer1}}"],"max_depth":{{(mode == "direct" ? 0 : -1)}},"reference":null,"timestamp":"2026-12-05T10:00:00Z"}""";

    private static string StatusJson(Cid cid) =>
        $$"""{"cid":"{{cid}}","name":"ipfs-kit","allocations":["{{ClusterSamples.Peer1}}"],"origins":[],"created":"2026-12-05T10:00:00Z","metadata":null,"peer_map":{"{{ClusterSamples.Peer1}}":{"peername":"cluster-0","status":"pinned","timestamp":"2026-12-05T10:00:01Z","error":"","attempt_count":0,"priority_pin":false}""" + "}}";
}
