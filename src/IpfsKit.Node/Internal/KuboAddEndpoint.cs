using System.Buffers;
using System.Globalization;
using System.Text.Json;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Errors;
using IpfsKit.Internal;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;
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

    private static async Task AddAsync(HttpContext context, IIpfsKit ipfs, TransportProvider transports)
    {
        var request = context.Request;
        var boundary = Boundary(request);
        var pin = KuboQuery.Flag(request, "pin", true);
        var import = KuboQuery.ImportOptions(request) with { WrapWithDirectory = KuboQuery.Flag(request, "wrap-with-directory", false) };
        Func<OpenedTransport, CancellationToken, Task<bool>> add = async (opened, ct) =>
        {
            var node = (opened.Local ?? opened.Transport) as EmbeddedTransport ?? throw new IpfsKitNotSupportedException(opened.Transport.Name, "add through the host");
            if (request.ContentLength is { } length)
            {
                node.ThrowIfCannotFit(length);
            }

            // The role may gate and stream adds (the master's spool budget): enter as its own AddAsync would.
            var spool = opened.Transport is IAddAdmission gate ? await gate.EnterAddAsync(ct).ConfigureAwait(false) : null;
            try
            {
                var session = node.BeginImport();
                await using (session.ConfigureAwait(false))
                {
                    var imported = await ImportAsync(context, new UnixFsImporter(spool?.Through(session) ?? session, import), boundary, ct).ConfigureAwait(false);
                    if (pin && (spool is null || !await spool.CompleteAsync(imported.Roots, ct).ConfigureAwait(false)))
                    {
                        await PinAllAsync(ipfs, node, imported.Roots, ct).ConfigureAwait(false);
                    }

                    session.Complete();
                    await WriteLineAsync(context.Response, imported.LastName, imported.Last, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                if (spool is not null)
                {
                    await spool.DisposeAsync().ConfigureAwait(false);
                }
            }

            return true;
        };

        try
        {
            var ct = context.RequestAborted;
            _ = ipfs is IpfsKitClient client
                ? await client.InstrumentAsync("add", add, ct).ConfigureAwait(false)
                : await add(await transports.GetAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
        catch (IpfsKitCapacityException e) when (!context.Response.HasStarted)
        {
            await KuboErrors.WriteAsync(context, StatusCodes.Status507InsufficientStorage, e.Message).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Imports the parts, writing each result's line once the next result exists: the last line (the root) waits for the
    /// pins, so a failure up to then can still be answered with a status.
    /// </summary>
    private static async Task<Imported> ImportAsync(HttpContext context, UnixFsImporter importer, string boundary, CancellationToken cancellationToken)
    {
        var unnamed = new HashSet<string>(StringComparer.Ordinal);
        var parts = KuboAddParts.ReadAsync(new MultipartReader(boundary, context.Request.Body), unnamed, importer.Options.WrapWithDirectory, cancellationToken);
        var roots = new List<Cid>();
        (string Name, ImportResult Result)? pending = null;
        try
        {
            await foreach (var result in importer.AddStreamAsync(parts, null, cancellationToken).ConfigureAwait(false))
            {
                if (importer.Options.WrapWithDirectory ? result.Name.Length == 0 : !result.Name.Contains('/', StringComparison.Ordinal))
                {
                    roots.Add(result.Cid);
                }

                if (pending is { } line)
                {
                    await WriteLineAsync(context.Response, line.Name, line.Result, cancellationToken).ConfigureAwait(false);
                }

                pending = (unnamed.Contains(result.Name) ? result.Cid.ToString() : result.Name, result);
            }
        }
        catch (Exception e) when (e is (IOException and not BadHttpRequestException) or InvalidDataException && !cancellationToken.IsCancellationRequested)
        {
            // Only the request body throws these here: storage errors arrive as IpfsKitStorageException. Kestrel's own
            // verdicts on the body (413 too large, 408 too slow) are BadHttpRequestExceptions and keep their status.
            throw new IpfsKitFormatException($"add: the multipart body is malformed or truncated: {e.Message}", e);
        }
        catch (ArgumentException e) when (e.ParamName == "entries")
        {
            throw new ArgumentException("add: no file field in the multipart body", e);
        }

        return new Imported(roots, pending!.Value.Name, pending.Value.Result);
    }

    /// <summary>
    /// Pins every root in the node, then through the facade so the role sees it (the master ingests it, a leecher queues
    /// it for its master). A failure undoes the pins this request made.
    /// </summary>
    private static async Task PinAllAsync(IIpfsKit ipfs, EmbeddedTransport node, List<Cid> roots, CancellationToken cancellationToken)
    {
        var local = new List<Cid>();
        var announced = new List<Cid>();
        try
        {
            foreach (var root in roots)
            {
                if (!await node.IsPinnedAsync(root, PinMode.Recursive, cancellationToken).ConfigureAwait(false))
                {
                    await node.PinAsync(root, PinMode.Recursive, cancellationToken).ConfigureAwait(false);
                    local.Add(root);
                }
            }

            foreach (var root in roots)
            {
                await ipfs.PinAsync(root, PinMode.Recursive, cancellationToken).ConfigureAwait(false);
                if (local.Contains(root))
                {
                    announced.Add(root);
                }
            }
        }
        catch
        {
            await UndoAsync(ipfs, node, local, announced).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task UndoAsync(IIpfsKit ipfs, EmbeddedTransport node, List<Cid> local, List<Cid> announced)
    {
        foreach (var root in announced)
        {
            try
            {
                await ipfs.UnpinAsync(root, PinMode.Recursive, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IpfsKitException)
            {
                // Best effort: the local pin below is what holds the blocks.
            }
        }

        foreach (var root in local)
        {
            try
            {
                await node.UnpinAsync(root, PinMode.Recursive, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IpfsKitNotPinnedException)
            {
                // The facade's unpin already removed it.
            }
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

    private sealed record Imported(List<Cid> Roots, string LastName, ImportResult Last);
}
