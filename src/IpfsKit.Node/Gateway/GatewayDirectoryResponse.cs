using IpfsKit.Content.UnixFs.Reading;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// A UnixFS directory on the path gateway: without a trailing slash a 301 to the path with one (so relative links
/// resolve inside it); with one, its <c>index.html</c> when it has one, else <see cref="GatewayDirectoryListing"/>.
/// </summary>
internal static class GatewayDirectoryResponse
{
    public static async Task WriteAsync(HttpContext context, GatewayRequest request, UnixFsReader reader, GatewayPath.Resolved resolved, CancellationToken cancellationToken)
    {
        var response = context.Response;
        if (!request.TrailingSlash)
        {
            response.StatusCode = StatusCodes.Status301MovedPermanently;
            response.Headers.Location = request.ContentPath + "/" + context.Request.QueryString;
            return;
        }

        await foreach (var entry in reader.ListAsync(resolved.Cid, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Name == "index.html")
            {
                var index = new GatewayPath.Resolved(entry.Cid, [.. resolved.Roots, entry.Cid], resolved.Blocks);
                await GatewayFileResponse.WriteAsync(context, request, reader, index, entry.Name, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        var etag = GatewayDirectoryListing.ETag(resolved);
        GatewayHeaders.SetImmutable(response, request, resolved.Roots, etag);
        if (GatewayHeaders.IsNotModified(context.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await GatewayDirectoryListing.WriteAsync(context, request, reader, resolved, cancellationToken).ConfigureAwait(false);
    }
}
