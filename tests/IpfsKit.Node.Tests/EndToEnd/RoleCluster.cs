using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// Real node host processes on loopback playing master, workers and leechers, each with its own data folder, sharing
/// one API token; short heartbeats so that death and repair happen within seconds.
/// </summary>
internal sealed class RoleCluster : IAsyncDisposable
{
    public const string Token = "e2e-cluster-token-0123456789";
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);
    private readonly List<HostProcess> _hosts = [];

    public RoleCluster(int masterPort) => MasterPort = masterPort;

    public int MasterPort { get; }

    public Uri MasterUrl => new($"http://127.0.0.1:{MasterPort}/");

    /// <summary>Gets a client of the master's coordination endpoints.</summary>
    public MasterLinkClient MasterLink => new(Authorized(MasterUrl));

    public static Dictionary<string, string> RoleEnvironment(string role, Uri? master) => new()
    {
        ["IPFS_KIT_ROLE"] = role,
        ["MASTER_NODE"] = master?.ToString() ?? "",
        ["IpfsKit__Roles__HeartbeatInterval"] = Heartbeat.ToString("c", CultureInfo.InvariantCulture),
        ["IpfsKit__Roles__MissedHeartbeats"] = "3",
        ["IpfsKit__Roles__LinkThreshold"] = "50",
        ["IpfsKit__Roles__MinRangeBytes"] = "1048576",
        ["IPFS_KIT_LOG_LEVEL"] = "information",
    };

    /// <summary>Runs <paramref name="scenario"/> on a new cluster on a free port; on failure writes every host's log tail to <paramref name="output"/>.</summary>
    public static async Task RunAsync(Xunit.Abstractions.ITestOutputHelper output, Func<RoleCluster, Task> scenario)
    {
        await using var cluster = new RoleCluster(FreePorts.Next());
        try
        {
            await scenario(cluster);
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }

    /// <summary>Starts the master; <paramref name="settings"/> add to or override the role environment.</summary>
    public async Task<HostProcess> StartMasterAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        Track(await HostProcess.StartReadyAsync(Token, With(RoleEnvironment("master", null), settings), port: MasterPort));

    /// <summary>Starts a worker; <paramref name="settings"/> add to or override the role environment.</summary>
    public async Task<HostProcess> StartWorkerAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        Track(await HostProcess.StartReadyAsync(Token, With(RoleEnvironment("worker", MasterUrl), settings)));

    /// <summary>
    /// Starts a host of any role under any master (a sub-cluster's master is a master whose master is its parent), on
    /// <paramref name="port"/> or a free one; <paramref name="settings"/> add to or override the role environment.
    /// </summary>
    public async Task<HostProcess> StartAsync(string role, Uri? master, IReadOnlyDictionary<string, string>? settings = null, int? port = null) =>
        Track(await HostProcess.StartReadyAsync(Token, With(RoleEnvironment(role, master), settings), port: port));

    /// <summary>Gets a client of the coordination endpoints of the master at <paramref name="master"/>.</summary>
    public static MasterLinkClient LinkTo(HostProcess master) => new(Authorized(new Uri($"http://127.0.0.1:{master.Port}/")));

    /// <summary>Starts a leecher serving /api/v0; <paramref name="settings"/> add to or override the role environment.</summary>
    public async Task<HostProcess> StartLeecherAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        Track(await HostProcess.StartReadyAsync(Token, With(RoleEnvironment("leecher", MasterUrl), settings), ["--api"]));

    /// <summary>The Kubo-compatible API of a host, through our own Kubo RPC client.</summary>
    public static KuboRpcTransport Api(HostProcess host) => new(Authorized(new Uri($"http://127.0.0.1:{host.Port}/")));

    /// <summary>The plan in force for a pin, from the master's <c>/cluster/pins/{cid}/plan</c>.</summary>
    public static async Task<ShardPlan> PlanAsync(HostProcess master, Cid root)
    {
        var json = await master.Client.GetStringAsync(new Uri(CoordinationPaths.PinPlanPrefix.TrimStart('/') + root + "/plan", UriKind.Relative));
        return ShardPlanJson.Deserialize(json);
    }

    /// <summary>The recursive and direct pins a node holds (its own <c>pin/ls</c>).</summary>
    public static async Task<HashSet<Cid>> PinsOfAsync(HostProcess node)
    {
        var pins = new HashSet<Cid>();
        await foreach (var pin in RoleCluster.Api(node).ListPinsAsync())
        {
            if (pin.Mode is PinMode.Recursive or PinMode.Direct)
            {
                pins.Add(pin.Cid);
            }
        }

        return pins;
    }

    /// <summary>Reads the whole file through each node's <c>cat</c> and checks it against <paramref name="content"/>.</summary>
    public static Task AssertReadableAsync(Xunit.Abstractions.ITestOutputHelper output, byte[] content, Cid root, params HostProcess[] nodes) =>
        AssertReadableAsync(output, content, root, [.. nodes.Select(static n => ("node", n))]);

    /// <summary>Reads the whole file through each node (its role named in the log, with the read's time): SHA-256 equal.</summary>
    public static async Task AssertReadableAsync(Xunit.Abstractions.ITestOutputHelper output, byte[] content, Cid root, params (string Role, HostProcess Node)[] nodes)
    {
        var expected = System.Security.Cryptography.SHA256.HashData(content);
        foreach (var (role, node) in nodes)
        {
            var clock = Stopwatch.StartNew();
            await using var body = await Api(node).CatAsync(root);
            Assert.Equal(expected, await System.Security.Cryptography.SHA256.HashDataAsync(body));
            output.WriteLine($"{role} {node.Port}: whole file read back, SHA-256 equal, {clock.Elapsed.TotalSeconds:0.00} s");
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value that satisfies <paramref name="done"/>.</summary>
    /// <remarks>A node that does not answer yet (<see cref="IpfsKitException"/>, <see cref="HttpRequestException"/>) counts as "not yet"; polls every 250 ms.</remarks>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, Func<string>? diagnostics = null) =>
        Eventually.ValueAsync(probe, done, timeout, what, diagnostics, static ex => ex is IpfsKitException or HttpRequestException, TimeSpan.FromMilliseconds(250));

    public string Logs() => string.Join("\n---\n", _hosts.Select(h => $"[port {h.Port}]\n" + Tail(h.Output)));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    private static Dictionary<string, string> With(Dictionary<string, string> environment, IReadOnlyDictionary<string, string>? settings)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    private static HttpClient Authorized(Uri root)
    {
        var client = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    private HostProcess Track(HostProcess host)
    {
        _hosts.Add(host);
        return host;
    }
}
