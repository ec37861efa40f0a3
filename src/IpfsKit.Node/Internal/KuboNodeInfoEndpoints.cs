using System.Globalization;
using System.Runtime.InteropServices;
using IpfsKit.Errors;
using IpfsKit.Node.Cli;
using IpfsKit.Transports;

namespace IpfsKit.Node.Internal;

/// <summary>
/// The node-level calls IPFS Cluster's ipfshttp connector (and other Kubo clients) make besides pins and blocks:
/// <c>version</c>, <c>config/show</c> (the subset a client reads), <c>swarm/peers</c> and <c>resolve</c>, with Kubo's
/// response shapes.
/// </summary>
internal static class KuboNodeInfoEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/version", Version);
        api.MapPost("/config/show", ConfigShowAsync);
        api.MapPost("/swarm/peers", SwarmPeersAsync);
        api.MapPost("/swarm/connect", SwarmConnectAsync);
        api.MapPost("/resolve", ResolveAsync);
    }

    /// <summary>Kubo's <c>version</c>: <c>{"Version","Commit","Repo","System","Golang"}</c>, the runtime in place of Go's.</summary>
    private static IResult Version() => Results.Json(
        new
        {
            Version = CliVersion.Package,
            Commit = "",
            Repo = "ipfs-kit",
            System = $"{ArchitectureName()}/{OperatingSystemName()}",
            Golang = RuntimeInformation.FrameworkDescription,
        },
        KuboJson.Options);

    /// <summary>
    /// Kubo's <c>config/show</c>, reduced to what the node has: <c>Identity.PeerID</c>, <c>Datastore.StorageMax</c>
    /// (a byte count as a string, which Kubo's size parser and IPFS Cluster read), <c>Addresses.API</c> (the address
    /// this request came in on) and <c>Addresses.Swarm</c>. Never a private key, as Kubo.
    /// </summary>
    private static async Task<IResult> ConfigShowAsync(HttpContext context, IIpfsKit ipfs)
    {
        var status = await ipfs.GetStatusAsync(context.RequestAborted).ConfigureAwait(false);
        var repo = status.Repo ?? default;
        var connection = context.Connection;
        var api = connection.LocalIpAddress is { } local
            ? $"/{(local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !local.IsIPv4MappedToIPv6 ? "ip6" : "ip4")}/{(local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local)}/tcp/{connection.LocalPort}"
            : "";
        return Results.Json(
            new
            {
                Identity = new { PeerID = status.Identity?.Id ?? "" },
                Datastore = new { StorageMax = repo.StorageMax.ToString(CultureInfo.InvariantCulture) },
                Addresses = new { API = api, Swarm = status.Identity?.Addresses ?? [] },
            },
            KuboJson.Options);
    }

    /// <summary>
    /// Kubo's <c>swarm/peers</c>: <c>{"Peers":[{"Addr","Peer","Identify"}]}</c>, <c>{"Peers":null}</c> when there are
    /// none; a transport without a swarm (the embedded node) has none.
    /// </summary>
    private static async Task<IResult> SwarmPeersAsync(HttpContext context, IIpfsKit ipfs)
    {
        var transport = await ipfs.GetTransportAsync(context.RequestAborted).ConfigureAwait(false);
        var peers = transport.Capabilities.HasFlag(TransportCapabilities.Swarm)
            ? await transport.SwarmPeersAsync(context.RequestAborted).ConfigureAwait(false)
            : [];
        var entries = peers.Count == 0 ? null : peers.Select(p => new
        {
            Addr = p.Address,
            Peer = p.PeerId,
            Identify = new { ID = "", PublicKey = "", Addresses = (string[]?)null, AgentVersion = "", Protocols = (string[]?)null },
        }).ToList();
        return Results.Json(new { Peers = entries }, KuboJson.Options);
    }

    /// <summary>
    /// Kubo's <c>swarm/connect</c>: each <c>arg</c> multiaddress is dialled, answered <c>{"Strings":["connect &lt;peer&gt;
    /// success"]}</c>. A transport without a swarm (the embedded node) fails with
    /// <see cref="IpfsKitNotSupportedException"/> (500 and its message; IPFS Cluster only logs it).
    /// </summary>
    private static async Task<IResult> SwarmConnectAsync(HttpContext context, IIpfsKit ipfs)
    {
        var addresses = context.Request.Query["arg"].Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToList();
        if (addresses.Count == 0)
        {
            throw new ArgumentException("argument \"address\" is required");
        }

        var transport = await ipfs.GetTransportAsync(context.RequestAborted).ConfigureAwait(false);
        if (!transport.Capabilities.HasFlag(TransportCapabilities.Swarm))
        {
            throw new IpfsKitNotSupportedException(transport.Name, "swarm/connect (it has no libp2p swarm)");
        }

        var lines = new List<string>(addresses.Count);
        foreach (var address in addresses)
        {
            await transport.SwarmConnectAsync(address, context.RequestAborted).ConfigureAwait(false);
            lines.Add($"connect {address[(address.LastIndexOf('/') + 1)..]} success");
        }

        return Results.Json(new { Strings = lines }, KuboJson.Options);
    }

    /// <summary>
    /// Kubo's <c>resolve</c>: an IPFS path (<c>/ipfs/cid/a/b</c>, <c>cid/a/b</c>) to <c>{"Path":"/ipfs/&lt;cid&gt;"}</c>
    /// of its last segment. IpfsKit has no IPNS: an <c>/ipns/</c> name is a bad argument (400).
    /// </summary>
    private static async Task<IResult> ResolveAsync(HttpContext context, IIpfsKit ipfs)
    {
        var path = KuboApiEndpoints.ArgPath(context.Request);
        var cid = await ipfs.ResolveAsync(path, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { Path = "/ipfs/" + cid }, KuboJson.Options);
    }

    /// <summary>The processor as Go's GOARCH names it (amd64, arm64, 386, arm).</summary>
    private static string ArchitectureName() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string OperatingSystemName() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "unknown";
}
