using System.Buffers;
using System.Globalization;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Transports;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Kubo's <c>block/put</c> and <c>block/stat</c>, as a master pushes shards to a worker host (<c>KuboRpcTransport</c>)
/// and as IPFS Cluster's connector streams an added DAG to its node (many blocks in one multipart body).
/// </summary>
internal static class KuboBlockEndpoints
{
    /// <summary>The largest block accepted: Kubo's 2 MiB hard limit for a block put (the importer makes 256 KiB leaves).</summary>
    public const int MaxBlockSize = 2 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/block/put", BlockPutAsync).WithBodyLimit(null); // a stream of blocks, each held to MaxBlockSize
        api.MapPost("/block/stat", BlockStatAsync);
    }

    /// <summary>
    /// Kubo's <c>block/put</c>: every file field of the multipart body is one block, read and stored one at a time
    /// (constant memory), each answered by a <c>{"Key","Size"}</c> line as it is stored. Its CID is made with
    /// <c>cid-codec</c> (or the legacy <c>format</c>; <c>v0</c> is dag-pb CIDv0), <c>mhtype</c> (sha2-256),
    /// <c>mhlen</c> (the function's full length, or -1) and <c>version</c> (js-ipfs), CIDv1 raw by default; <c>pin=true</c>
    /// pins each block recursively; <c>allow-big-block</c> is accepted (the limit is always <see cref="MaxBlockSize"/>).
    /// A failure before the first line is Kubo's error JSON; after it the connection is cut.
    /// </summary>
    /// <remarks>
    /// Kubo's blockstore is keyed by multihash, so a CIDv0 DAG put with <c>cid-codec=dag-pb</c> (answered as CIDv1) is
    /// still found by its CIDv0 links. IpfsKit's store is keyed by CID: when a part's file name is the block's own CID
    /// in the other version (IPFS Cluster's BlockStream names every part so), the block is stored and answered under
    /// that CID, which IPFS Cluster accepts (it compares multihashes).
    /// </remarks>
    private static async Task BlockPutAsync(HttpContext context, IIpfsKit ipfs)
    {
        var request = context.Request;
        var ct = context.RequestAborted;
        var (codec, version) = CodecAndVersion(request);
        var hash = HashFunction(request);
        var pin = KuboQuery.Flag(request, "pin", false);
        _ = KuboQuery.Flag(request, "allow-big-block", false); // checked for a valid value only
        var reader = MultipartOf(request);
        var count = 0;
        while (await reader.ReadNextSectionAsync(ct).ConfigureAwait(false) is { } section)
        {
            var data = await ReadBlockAsync(section.Body, ct).ConfigureAwait(false);
            CidArgument.CheckIdentity(hash, data.Length);
            var block = Block.Create(data, codec, version, hash);
            if (NamedCid(section) is { } named && named.Codec == codec && named.Version != block.Cid.Version && named.Hash == block.Cid.Hash)
            {
                block = Block.CreateVerified(named, block.Data); // the same bytes under the CID the part names
            }

            await ipfs.PutBlockAsync(block, ct).ConfigureAwait(false);
            if (pin)
            {
                await ipfs.PinAsync(block.Cid, PinMode.Recursive, ct).ConfigureAwait(false);
            }

            if (count++ == 0)
            {
                KuboNdjson.Start(context.Response);
            }

            await KuboNdjson.WriteLineAsync(context.Response, json =>
            {
                json.WriteString("Key", block.Cid.ToString());
                json.WriteNumber("Size", block.Size);
            }, ct).ConfigureAwait(false);
        }

        if (count == 0)
        {
            throw new ArgumentException("block/put: no file field in the multipart body");
        }
    }

    private static async Task<IResult> BlockStatAsync(HttpContext context, IIpfsKit ipfs)
    {
        var transport = await ipfs.GetTransportAsync(context.RequestAborted).ConfigureAwait(false);
        var stat = await transport.StatBlockAsync(KuboApiEndpoints.ArgCid(context.Request), context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { Key = stat.Cid.ToString(), stat.Size }, KuboJson.Options);
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

    /// <summary>
    /// <c>mhtype</c>: a multihash function IpfsKit computes (sha2-256 by default, sha2-512, identity); <c>mhlen</c>:
    /// -1 or the function's full digest length (IPFS Cluster sends 32 for sha2-256); anything else is a 400.
    /// </summary>
    private static Multicodec HashFunction(HttpRequest request)
    {
        var name = request.Query["mhtype"].ToString();
        var hash = Multicodec.Sha256;
        if (name.Length > 0 && !(MulticodecNames.TryGetCode(name, out hash) && Multihash.IsSupported(hash)))
        {
            throw new ArgumentException($"block/put: mhtype {InputText.Quote(name)} is not a hash function this node computes (sha2-256, sha2-512, identity)");
        }

        var lengthText = request.Query["mhlen"].ToString();
        if (lengthText is not ("" or "-1") && hash != Multicodec.Identity
            && (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length != FullLength(hash)))
        {
            throw new ArgumentException($"block/put: mhlen {InputText.Quote(lengthText)} is not the full digest length of {MulticodecNames.GetName(hash)} (truncated digests are not supported)");
        }

        return hash;
    }

    /// <summary>The CID a part's file name spells (URL-escaped, as go-ipfs-files writes names), or <see langword="null"/>.</summary>
    private static Cid? NamedCid(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            && HeaderUtilities.RemoveQuotes(disposition.FileName).Value is { Length: > 0 and <= 256 } name
            && Cid.TryParse(Uri.UnescapeDataString(name), out var named)
            ? named
            : null;

    private static int FullLength(Multicodec hash) => hash == Multicodec.Sha512 ? 64 : 32;

    private static MultipartReader MultipartOf(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            && HeaderUtilities.RemoveQuotes(type.Boundary).Value is { Length: > 0 } boundary
            ? new MultipartReader(boundary, request.Body)
            : throw new ArgumentException("block/put: the body must be multipart/form-data with a file field");

    private static async Task<byte[]> ReadBlockAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBlockSize)
                {
                    throw new ArgumentException($"block/put: the block is larger than {MaxBlockSize} bytes");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
