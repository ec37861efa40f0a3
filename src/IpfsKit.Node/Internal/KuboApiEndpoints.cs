using IpfsKit.Content;
using IpfsKit.Transports;

namespace IpfsKit.Node.Internal;

/// <summary>
/// The Kubo-compatible subset of <c>/api/v0</c>: add, cat, block/get|put|stat, pin/add|rm|ls|update, id, version,
/// config/show, swarm/peers|addrs/local, resolve, repo/stat|gc (docs/transports.md lists them).
/// </summary>
internal static class KuboApiEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v0").AddEndpointFilter(KuboErrorFilter.InvokeAsync);
        KuboAddEndpoint.Map(api);
        api.MapPost("/cat", CatAsync);
        api.MapPost("/block/get", BlockGetAsync);
        api.MapPost("/id", IdAsync);
        api.MapPost("/repo/stat", RepoStatAsync);
        api.MapPost("/swarm/addrs/local", SwarmAddrsLocalAsync);
        KuboBlockEndpoints.Map(api);
        KuboRepoEndpoints.Map(api);
        KuboPinEndpoints.Map(api);
        KuboNodeInfoEndpoints.Map(api);
        BackupEndpoints.Map(api);
        OutboxEndpoints.Map(api);
        WorkerEndpoints.Map(api);
    }

    private static async Task CatAsync(HttpContext context, IIpfsKit ipfs)
    {
        var cid = await ipfs.ResolveAsync(ArgPath(context.Request), context.RequestAborted).ConfigureAwait(false); // Kubo's cat takes paths
        var offset = KuboQuery.Number(context.Request, "offset") ?? 0;
        var length = KuboQuery.Number(context.Request, "length");
        ByteRange? range = offset > 0 || length is not null ? new ByteRange(offset, length) : null;
        var content = await ipfs.CatAsync(cid, range, context.RequestAborted).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            context.Response.ContentType = "text/plain";
            context.Response.Headers["X-Stream-Output"] = "1";
            await content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task BlockGetAsync(HttpContext context, IIpfsKit ipfs)
    {
        var block = await ipfs.GetBlockAsync(ArgCid(context.Request), context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "text/plain";
        await context.Response.Body.WriteAsync(block.Data, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> IdAsync(HttpContext context, IIpfsKit ipfs)
    {
        var status = await ipfs.GetStatusAsync(context.RequestAborted).ConfigureAwait(false);
        var identity = status.Identity;
        return Results.Json(
            new
            {
                ID = identity?.Id ?? "",
                PublicKey = "",
                Addresses = identity?.Addresses ?? [],
                AgentVersion = identity?.AgentVersion ?? "ipfs-kit/" + typeof(KuboApiEndpoints).Assembly.GetName().Version,
                ProtocolVersion = "ipfs/0.1.0",
                Protocols = Array.Empty<string>(),
            },
            KuboJson.Options);
    }

    /// <summary>
    /// Kubo's <c>swarm/addrs/local</c>: the node's own listen addresses (with <c>/p2p/ID</c> when <c>id=true</c>), which
    /// Kubo clients ask for when <c>id</c> lists none. The embedded node has no libp2p swarm, so this is usually empty.
    /// </summary>
    private static async Task<IResult> SwarmAddrsLocalAsync(HttpContext context, IIpfsKit ipfs)
    {
        var identity = (await ipfs.GetStatusAsync(context.RequestAborted).ConfigureAwait(false)).Identity;
        var withId = KuboQuery.Flag(context.Request, "id", fallback: false) && identity is { Id.Length: > 0 };
        var addresses = (identity?.Addresses ?? []).Select(a => withId ? $"{a}/p2p/{identity!.Id}" : a).ToList();
        return Results.Json(new { Strings = addresses }, KuboJson.Options);
    }

    private static async Task<IResult> RepoStatAsync(HttpContext context, IIpfsKit ipfs, NodeSettings settings)
    {
        var status = await ipfs.GetStatusAsync(context.RequestAborted).ConfigureAwait(false);
        var repo = status.Repo ?? default;
        return KuboQuery.Flag(context.Request, "size-only", false)
            ? Results.Json(new { repo.RepoSize, repo.StorageMax, NumObjects = 0L, RepoPath = "", Version = "" }, KuboJson.Options) // as Kubo: the other fields zero
            : Results.Json(
                new { repo.RepoSize, repo.StorageMax, repo.NumObjects, RepoPath = settings.DataPath, Version = "fs-repo@ipfs-kit" },
                KuboJson.Options);
    }

    /// <summary>The CID of the <c>arg</c> query argument (a bare CID or <c>/ipfs/&lt;cid&gt;</c>).</summary>
    public static Cid ArgCid(HttpRequest request) => CidArgument.Parse(Arg(request));

    /// <summary>The <c>arg</c> as an IPFS path (<c>/ipfs/&lt;cid&gt;/a/b</c>, <c>&lt;cid&gt;/a/b</c>, a bare CID).</summary>
    public static ContentPath ArgPath(HttpRequest request) => CidArgument.ParsePath(Arg(request));

    private static string Arg(HttpRequest request)
    {
        var arg = request.Query["arg"].ToString();
        return arg.Length > 0 ? arg : throw new ArgumentException("argument \"ipfs-path\" is required");
    }
}
