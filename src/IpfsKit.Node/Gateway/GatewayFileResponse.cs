using System.Buffers;
using System.Globalization;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;
using Microsoft.Net.Http.Headers;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// A UnixFS file (or raw block) answered as its bytes: streamed from the DAG as it is read, the whole file (200) or one
/// <c>Range</c> (206; several ranges are answered with the whole file, which RFC 9110 allows; a range past the end 416).
/// </summary>
internal static class GatewayFileResponse
{
    private const int CopyBufferSize = 64 * 1024;

    /// <summary>Answers the file at the end of the path.</summary>
    /// <param name="context">The request.</param>
    /// <param name="request">The parsed request.</param>
    /// <param name="reader">The reader over the gateway's blocks.</param>
    /// <param name="resolved">Where the path ends.</param>
    /// <param name="name">The file's name in its directory (for its type), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the answer.</param>
    /// <returns>A task that completes when the answer is written.</returns>
    public static async Task WriteAsync(HttpContext context, GatewayRequest request, UnixFsReader reader, GatewayPath.Resolved resolved, string? name, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var etag = $"\"{resolved.Cid}\"";
        GatewayHeaders.SetImmutable(response, request, resolved.Roots, etag);
        if (GatewayHeaders.IsNotModified(context.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var content = await reader.OpenReadAsync(resolved.Cid, cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            var length = content.Length;
            response.ContentType = await GatewayContentType.DetectAsync(content, request.Filename ?? name, cancellationToken).ConfigureAwait(false);
            response.Headers.AcceptRanges = "bytes";
            if (request.Filename is not null || request.Download)
            {
                response.Headers.ContentDisposition = GatewayHeaders.Disposition(request.Download, request.Filename ?? resolved.Cid.ToString());
            }

            var (start, count) = (0L, length);
            if (ReadRange(context.Request, length) is { } range)
            {
                if (range.Count == 0)
                {
                    response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                    response.Headers.ContentRange = $"bytes */{length.ToString(CultureInfo.InvariantCulture)}";
                    return;
                }

                (start, count) = range;
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = new ContentRangeHeaderValue(start, start + count - 1, length).ToString();
            }

            response.ContentLength = count;
            if (HttpMethods.IsHead(context.Request.Method) || count == 0)
            {
                return;
            }

            content.Position = start;
            await CopyAsync(content, response.Body, count, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The one range asked for, clipped to the file; <c>(0, 0)</c> when it holds no byte; <see langword="null"/> for none, several or another unit.</summary>
    private static (long Start, long Count)? ReadRange(HttpRequest request, long length)
    {
        if (request.Headers.Range.Count != 1 || !RangeHeaderValue.TryParse(request.Headers.Range[0], out var header)
            || !string.Equals(header.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || header.Ranges.Count != 1)
        {
            return null;
        }

        var range = header.Ranges.First();
        long start, end;
        if (range.From is { } from)
        {
            (start, end) = (from, Math.Min(range.To ?? length - 1, length - 1));
        }
        else
        {
            (start, end) = (Math.Max(0, length - (range.To ?? 0)), length - 1);
        }

        return start >= length || end < start ? (0, 0) : (start, end - start + 1);
    }

    private static async Task CopyAsync(Stream source, Stream destination, long count, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            while (count > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IpfsKitFormatException("UnixFS", $"the file ended {count} bytes before its recorded size");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
