using IpfsKit.Blocks;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// A block answered as its exact bytes (<c>application/vnd.ipld.raw</c>, trustless gateway): the block at the end of the
/// path, as an attachment named <c>{cid}.bin</c> unless <c>?filename=</c> names it.
/// </summary>
internal static class GatewayRawResponse
{
    public static async Task WriteAsync(HttpContext context, GatewayRequest request, IBlockSource source, GatewayPath.Resolved resolved, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var etag = $"\"{resolved.Cid}.raw\"";
        GatewayHeaders.SetImmutable(response, request, resolved.Roots, etag);
        SetTrustless(response, request.FormatInQuery ? null : "raw", context.Request);
        if (GatewayHeaders.IsNotModified(context.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var block = await source.GetRequiredAsync(resolved.Cid, cancellationToken).ConfigureAwait(false);
        response.ContentType = GatewayAccept.RawMediaType;
        response.Headers.ContentDisposition = GatewayHeaders.Disposition(attachment: true, request.Filename ?? $"{resolved.Cid}.bin");
        response.ContentLength = block.Size;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(block.Data, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What every trustless answer carries: <c>X-Content-Type-Options: nosniff</c>, <c>Vary: Accept</c>, and, when the
    /// format came from <c>Accept</c>, a <c>Content-Location</c> with the matching <c>?format=</c>.
    /// </summary>
    public static void SetTrustless(HttpResponse response, string? formatFromAccept, HttpRequest request)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.Vary = "Accept";
        if (formatFromAccept is not null)
        {
            var query = request.QueryString.HasValue ? request.QueryString.Value + "&" : "?";
            response.Headers.ContentLocation = request.PathBase + request.Path.ToUriComponent() + query + "format=" + formatFromAccept;
        }
    }
}
