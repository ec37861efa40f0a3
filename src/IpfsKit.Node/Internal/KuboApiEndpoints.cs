using System.Buffers;
using System.Globalization;
using System.Text.Json;
using IpfsKit.Content;
using IpfsKit.Transports;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IpfsKit.Node.Internal;

/// <summary>The Kubo-compatible subset of <c>/api/v0</c>: add, cat, block/get|put|stat, pin/add|rm|ls, id, repo/stat|gc.</summary>
internal static class KuboApiEndpoints
{
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v0").AddEndpointFilter(KuboErrorFilter.InvokeAsync);
        api.MapPost("/add", AddAsync).WithBodyLimit(null); // content streams; the storage budget bounds it
        api.MapPost("/cat", CatAsync);
        api.MapPost("/block/get", BlockGetAsync);
        api.MapPost("/pin/add", PinAddAsync);
        api.MapPost("/pin/ls", PinLsAsync);
        api.MapPost("/id", IdAsync);
        api.MapPost("/repo/stat", RepoStatAsync);
        KuboBlockEndpoints.Map(api);
        KuboRepoEndpoints.Map(api);
        BackupEndpoints.Map(api);
        OutboxEndpoints.Map(api);
    }

    private static async Task AddAsync(HttpContext context, IIpfsKit ipfs)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new ArgumentException("add: the body must be multipart/form-data with a file field");
        }

        var pin = KuboQuery.Flag(request, "pin", true);
        var import = KuboQuery.ImportOptions(request);
        var reader = new MultipartReader(boundary, request.Body);
        var ct = context.RequestAborted;
        var wroteAny = false;
        while (await reader.ReadNextSectionAsync(ct).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()
                && !(disposition.Name.Value?.StartsWith("file", StringComparison.Ordinal) ?? false))
            {
                continue;
            }

            var name = Uri.UnescapeDataString(HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "");
            var options = new AddOptions { FileName = name.Length == 0 ? null : name, Pin = pin, Import = import };
            var result = await ipfs.AddAsync(section.Body, options, cancellationToken: ct).ConfigureAwait(false);
            if (!wroteAny)
            {
                context.Response.ContentType = "application/json";
                context.Response.Headers["X-Chunked-Output"] = "1";
                wroteAny = true;
            }

            using (var json = new Utf8JsonWriter(context.Response.BodyWriter))
            {
                json.WriteStartObject();
                json.WriteString("Name", name.Length == 0 ? result.Cid.ToString() : name);
                json.WriteString("Hash", result.Cid.ToString());
                json.WriteString("Size", result.DagSize.ToString(CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            context.Response.BodyWriter.Write(NewLine.Span);
            await context.Response.BodyWriter.FlushAsync(ct).ConfigureAwait(false);
        }

        if (!wroteAny)
        {
            throw new ArgumentException("add: no file field in the multipart body");
        }
    }

    private static async Task CatAsync(HttpContext context, IIpfsKit ipfs)
    {
        var cid = ArgCid(context.Request);
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

    private static async Task<IResult> PinAddAsync(HttpContext context, IIpfsKit ipfs)
    {
        var cid = ArgCid(context.Request);
        var mode = KuboQuery.Flag(context.Request, "recursive", true) ? PinMode.Recursive : PinMode.Direct;
        await ipfs.PinAsync(cid, mode, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { Pins = new[] { cid.ToString() } }, KuboJson.Options);
    }

    private static async Task<IResult> PinLsAsync(HttpContext context, IIpfsKit ipfs)
    {
        var typeText = context.Request.Query["type"].ToString();
        PinMode? mode = typeText switch
        {
            "" or "all" => null,
            "recursive" => PinMode.Recursive,
            "direct" => PinMode.Direct,
            "indirect" => PinMode.Indirect,
            _ => throw new ArgumentException($"pin/ls: invalid type {InputText.Quote(typeText)} (all, recursive, direct, indirect)"),
        };
        Cid? only = context.Request.Query.ContainsKey("arg") ? ArgCid(context.Request) : null;
        var keys = new Dictionary<string, object>(StringComparer.Ordinal);
        await foreach (var pin in ipfs.ListPinsAsync(mode, context.RequestAborted).ConfigureAwait(false))
        {
            if (only is null || pin.Cid.ToV1().Equals(only.Value.ToV1()))
            {
                keys[pin.Cid.ToString()] = new { Type = pin.Mode.ToString().ToLowerInvariant() };
            }
        }

        if (only is not null && keys.Count == 0)
        {
            throw new InvalidOperationException($"path '{only}' is not pinned");
        }

        return Results.Json(new { Keys = keys }, KuboJson.Options);
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
            },
            KuboJson.Options);
    }

    private static async Task<IResult> RepoStatAsync(HttpContext context, IIpfsKit ipfs, NodeSettings settings)
    {
        var status = await ipfs.GetStatusAsync(context.RequestAborted).ConfigureAwait(false);
        var repo = status.Repo ?? default;
        return Results.Json(
            new { repo.RepoSize, repo.StorageMax, repo.NumObjects, RepoPath = settings.DataPath, Version = "fs-repo@ipfs-kit" },
            KuboJson.Options);
    }

    /// <summary>The CID of the <c>arg</c> query argument (a bare CID or <c>/ipfs/&lt;cid&gt;</c>).</summary>
    public static Cid ArgCid(HttpRequest request)
    {
        var arg = request.Query["arg"].ToString();
        if (arg.Length == 0)
        {
            throw new ArgumentException("argument \"ipfs-path\" is required");
        }

        return CidArgument.Parse(arg);
    }
}
