using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Transports;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IpfsKit.Node.Internal;

/// <summary>
/// The parts of <c>/api/v0</c> a master uses to push shards to a worker host: <c>block/put</c>, <c>block/stat</c> and
/// <c>pin/rm</c>, with Kubo's arguments and answers (what <c>KuboRpcTransport</c> sends).
/// </summary>
internal static class KuboBlockEndpoints
{
    /// <summary>The largest block accepted: Kubo's 2 MiB hard limit for a block put (the importer makes 256 KiB leaves).</summary>
    public const int MaxBlockSize = 2 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/block/put", BlockPutAsync).WithBodyLimit(RequestBodyLimits.BlockPut);
        api.MapPost("/block/stat", BlockStatAsync);
        api.MapPost("/pin/rm", PinRmAsync);
    }

    /// <summary>
    /// Kubo's <c>block/put</c>: the block is the first file field of a multipart body; its CID is made with
    /// <c>cid-codec</c> (or the legacy <c>format</c>; <c>v0</c> is dag-pb CIDv0), <c>mhtype</c> (sha2-256) and
    /// <c>version</c> (js-ipfs), CIDv1 raw by default. Answers <c>{"Key","Size"}</c>.
    /// </summary>
    private static async Task<IResult> BlockPutAsync(HttpContext context, IIpfsKit ipfs)
    {
        var request = context.Request;
        var (codec, version) = CodecAndVersion(request);
        var hash = HashFunction(request);
        var data = await ReadFirstFileAsync(request, context.RequestAborted).ConfigureAwait(false);
        CidArgument.CheckIdentity(hash, data.Length);
        var block = Block.Create(data, codec, version, hash);
        await ipfs.PutBlockAsync(block, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { Key = block.Cid.ToString(), Size = block.Size }, KuboJson.Options);
    }

    private static async Task<IResult> BlockStatAsync(HttpContext context, IIpfsKit ipfs)
    {
        var transport = await ipfs.GetTransportAsync(context.RequestAborted).ConfigureAwait(false);
        var stat = await transport.StatBlockAsync(KuboApiEndpoints.ArgCid(context.Request), context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { Key = stat.Cid.ToString(), stat.Size }, KuboJson.Options);
    }

    private static async Task<IResult> PinRmAsync(HttpContext context, IIpfsKit ipfs)
    {
        var cid = KuboApiEndpoints.ArgCid(context.Request);
        var mode = KuboQuery.Flag(context.Request, "recursive", true) ? PinMode.Recursive : PinMode.Direct;
        await ipfs.UnpinAsync(cid, mode, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { Pins = new[] { cid.ToString() } }, KuboJson.Options);
    }

    /// <summary><c>cid-codec</c> (or <c>format</c>): a content codec, one the multicodec table tags <c>ipld</c>; a hash function or other code is a 400.</summary>
    private static (Multicodec Codec, int Version) CodecAndVersion(HttpRequest request)
    {
        var name = request.Query["cid-codec"].ToString() is { Length: > 0 } cidCodec ? cidCodec : request.Query["format"].ToString();
        if (name == "v0")
        {
            return (Multicodec.DagPb, 0);
        }

        var codec = Multicodec.Raw;
        if (name.Length > 0 && !MulticodecNames.TryGetCode(name, out codec))
        {
            throw new ArgumentException($"block/put: unknown codec {InputText.Quote(name)}");
        }

        if (!MulticodecNames.IsContentCodec(codec))
        {
            throw new ArgumentException($"block/put: {InputText.Quote(name)} is not a content codec (raw, dag-pb, dag-cbor, dag-json, …)");
        }

        var version = KuboQuery.Number(request, "version") ?? 1;
        return version switch
        {
            0 when codec == Multicodec.DagPb => (codec, 0),
            0 or 1 => (codec, 1),
            _ => throw new ArgumentException($"block/put: version {version} is not 0 or 1"),
        };
    }

    /// <summary><c>mhtype</c>: a multihash function IpfsKit computes (sha2-256 by default, sha2-512, identity); anything else is a 400.</summary>
    private static Multicodec HashFunction(HttpRequest request)
    {
        var name = request.Query["mhtype"].ToString();
        if (name.Length == 0)
        {
            return Multicodec.Sha256;
        }

        return MulticodecNames.TryGetCode(name, out var hash) && Multihash.IsSupported(hash)
            ? hash
            : throw new ArgumentException($"block/put: mhtype {InputText.Quote(name)} is not a hash function this node computes (sha2-256, sha2-512, identity)");
    }

    private static async Task<byte[]> ReadFirstFileAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new ArgumentException("block/put: the body must be multipart/form-data with a file field");
        }

        var reader = new MultipartReader(boundary, request.Body);
        if (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is not { } section)
        {
            throw new ArgumentException("block/put: no file field in the multipart body");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await section.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBlockSize)
            {
                throw new ArgumentException($"block/put: the block is larger than {MaxBlockSize} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
