using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// A CARv1 stream (<c>application/vnd.ipld.car; version=1; order=dfs; dups=n</c>, trustless gateway): the blocks that
/// prove the path, then the DAG at its end as <c>dag-scope</c> and <c>entity-bytes</c> select it, written by the
/// library's <see cref="CarExporter"/> as blocks arrive. The header's root is the CID of the request path. A block that
/// goes missing after the 200 cuts the stream (an incomplete CAR, which clients must detect, as the spec says).
/// </summary>
internal static class GatewayCarResponse
{
    public const string ContentType = "application/vnd.ipld.car; version=1; order=dfs; dups=n";

    public static async Task WriteAsync(HttpContext context, GatewayRequest request, IBlockSource source, UnixFsReader reader, GatewayPath.Resolved resolved, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var etag = $"\"{request.Root}.car.{Variant(request)}\"";
        GatewayHeaders.SetImmutable(response, request, resolved.Roots, etag);
        GatewayRawResponse.SetTrustless(response, request.FormatInQuery ? null : "car", context.Request);
        if (GatewayHeaders.IsNotModified(context.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        // The end of the path is fetched before the 200, so an absent DAG is a 404 rather than an empty CAR.
        _ = await source.GetRequiredAsync(resolved.Cid, cancellationToken).ConfigureAwait(false);
        if (request.EntityBytes is { From: >= 0 } bytes && await FileLengthAsync(reader, resolved.Cid, cancellationToken).ConfigureAwait(false) is { } length
            && (ulong)bytes.From >= length)
        {
            // Entirely past the end, and known before the first byte: the spec's 400.
            throw GatewayException.BadRequest($"entity-bytes={bytes.From}:…: the file has {length} bytes");
        }

        response.ContentType = ContentType;
        response.Headers.ContentDisposition = GatewayHeaders.Disposition(attachment: true, request.Filename ?? $"{request.Root}.car");
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var options = new CarExportOptions
        {
            Scope = request.Scope,
            EntityBytes = request.EntityBytes,
            Prefix = resolved.Blocks,
            Roots = [request.Root],
            SkipIdentityBlocks = true,
        };
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        await CarExporter.WriteDagAsync(source, resolved.Cid, response.Body, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The length of a UnixFS file or raw block; <see langword="null"/> for anything else (entity-bytes is then ignored).</summary>
    private static async Task<ulong?> FileLengthAsync(UnixFsReader reader, Cid cid, CancellationToken cancellationToken)
    {
        if (cid.Codec is not (Multicodec.DagPb or Multicodec.Raw))
        {
            return null;
        }

        try
        {
            var info = await reader.StatAsync(cid, cancellationToken).ConfigureAwait(false);
            return info.IsFile && info.ContentSize > 0 ? info.ContentSize : null;
        }
        catch (IpfsKitFormatException)
        {
            return null; // dag-pb that is not UnixFS: the CAR is the block alone, as the spec says
        }
    }

    /// <summary>A short hash of what selects the blocks: the path, the scope and the byte range.</summary>
    private static string Variant(GatewayRequest request)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{request.ContentPath}|{request.Scope}|{request.EntityBytes?.From}:{request.EntityBytes?.To}|dfs|n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 4));
    }
}
