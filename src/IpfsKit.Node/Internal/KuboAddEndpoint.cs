using System.Buffers;
using System.Globalization;
using System.Text.Json;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Errors;
using IpfsKit.Transports;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IpfsKit.Node.Internal;

/// <summary>
/// <c>/api/v0/add</c> as Kubo answers it: files, directories and symbolic links of one multipart body are imported as
/// they arrive, one JSON line per file and directory (directories after their contents, the root last), and the roots
/// are pinned only when the whole request succeeded. The add's blocks are held until it ends; a failed or cut request
/// pins nothing and leaves none of the blocks it newly wrote.
/// </summary>
internal static class KuboAddEndpoint
{
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static void Map(RouteGroupBuilder api) => api.MapPost("/add", AddAsync).WithBodyLimit(null); // content streams; the storage budget bounds it

    private static async Task AddAsync(HttpContext context, IIpfsKit ipfs)
    {
        var request = context.Request;
        var boundary = Boundary(request);
        var options = new AddOptions
        {
            Pin = KuboQuery.Flag(request, "pin", true),
            Import = KuboQuery.ImportOptions(request) with { WrapWithDirectory = KuboQuery.Flag(request, "wrap-with-directory", false) },
        };
        var ct = context.RequestAborted;
        var unnamed = new HashSet<string>(StringComparer.Ordinal);
        var parts = KuboAddParts.ReadAsync(new MultipartReader(boundary, request.Body), unnamed, options.Import.WrapWithDirectory, ct);
        try
        {
            // Each line is written once the next result exists; the last (the root) after the pins.
            _ = await ipfs.AddEntriesAsync(
                parts,
                (result, token) => new ValueTask(WriteLineAsync(context.Response, unnamed.Contains(result.Name) ? result.Cid.ToString() : result.Name, result, token)),
                options,
                request.ContentLength,
                ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is (IOException and not BadHttpRequestException) or InvalidDataException && !ct.IsCancellationRequested)
        {
            // Only the request body throws these here: storage errors arrive as IpfsKitStorageException. Kestrel's own
            // verdicts on the body (413 too large, 408 too slow) are BadHttpRequestExceptions and keep their status.
            throw new IpfsKitFormatException($"add: the multipart body is malformed or truncated: {e.Message}", e);
        }
        catch (ArgumentException e) when (e.ParamName == "entries")
        {
            throw new ArgumentException("add: no file field in the multipart body", e);
        }
        catch (IpfsKitCapacityException e) when (!context.Response.HasStarted)
        {
            await KuboErrors.WriteAsync(context, StatusCodes.Status507InsufficientStorage, e.Message).ConfigureAwait(false);
        }
    }

    private static async Task WriteLineAsync(HttpResponse response, string name, ImportResult result, CancellationToken cancellationToken)
    {
        if (!response.HasStarted)
        {
            response.ContentType = "application/json";
            response.Headers["X-Chunked-Output"] = "1";
        }

        using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("Name", name);
            json.WriteString("Hash", result.Cid.ToString());
            json.WriteString("Size", result.DagSize.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        response.BodyWriter.Write(NewLine.Span);
        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Boundary(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            && HeaderUtilities.RemoveQuotes(type.Boundary).Value is { Length: > 0 } boundary
            ? boundary
            : throw new ArgumentException("add: the body must be multipart/form-data with a file field");

}
