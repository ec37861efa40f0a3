using System.Buffers;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using IpfsKit.Backup;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master;
using IpfsKit.Transports;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Parquet.Serialization;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Backup endpoints of the <c>/api/v0</c> subset: Kubo's <c>dag/export</c> and <c>dag/import</c>, and IpfsKit's own
/// <c>metadata/export</c> (a Parquet file, one row per pin).
/// </summary>
internal static class BackupEndpoints
{
    /// <summary>The longest line of a <c>dag/export</c> body: a CID with a 128-byte identity digest is about 215 characters.</summary>
    private const int MaxRootLineBytes = 512;

    /// <summary>The most roots a <c>dag/export</c> body lists: about what <see cref="RequestBodyLimits.DagExportRoots"/> holds of ordinary CIDs, so tiny ones cannot pile up millions (a few tens of MiB at most).</summary>
    private const int MaxBodyRoots = 100_000;

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/dag/export", DagExportAsync).WithBodyLimit(RequestBodyLimits.DagExportRoots);
        api.MapPost("/dag/import", DagImportAsync).WithBodyLimit(null); // CARs stream; the storage budget bounds them
        api.MapPost("/metadata/export", MetadataExportAsync);
    }

    /// <summary>
    /// Writes a CARv1 of the DAGs under every <c>arg</c> (Kubo takes one) and, with a <c>text/plain</c> body, every CID
    /// of its lines (a backup's recursive pins); blocks streamed from the node as they are read, each block once.
    /// <c>allow-empty=true</c> accepts no root (an empty pinset's CAR). A root that cannot be read or decoded is left out
    /// and reported (<see cref="BackupSkips"/>); when no root is left, the first error is the answer unless
    /// <c>allow-empty=true</c>.
    /// </summary>
    private static async Task DagExportAsync(HttpContext context, IIpfsKit ipfs)
    {
        var ct = context.RequestAborted;
        var roots = new List<Cid>();
        foreach (var arg in context.Request.Query["arg"])
        {
            roots.Add(ParseCid(arg ?? ""));
        }

        if (context.Request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true)
        {
            // IpfsKit's extension for many roots (a backup's every recursive pin, which would not fit a URL): one CID a
            // line in the body, read a bounded line at a time (RequestBodyLimits.DagExportRoots bounds the whole).
            await foreach (var line in BodyLines.ReadAsync(context.Request.BodyReader, MaxRootLineBytes, ct).ConfigureAwait(false))
            {
                roots.Add(roots.Count < MaxBodyRoots ? ParseCid(line)
                    : throw new BadHttpRequestException($"dag/export: more than {MaxBodyRoots} roots in the body", StatusCodes.Status413PayloadTooLarge));
            }
        }

        var allowEmpty = KuboQuery.Flag(context.Request, "allow-empty", false);
        if (roots.Count == 0 && !allowEmpty)
        {
            throw new ArgumentException("argument \"root\" is required");
        }

        // Every root is read (and a dag-pb root decoded) before the 200: a root that cannot be is left out of the CAR and
        // reported (BackupSkips), so one bad pin never fails the others; when every root is bad, its error is the answer
        // (as Kubo's for its one root) unless allow-empty accepts an empty CAR.
        var backup = new PinBackup(ipfs);
        var checkedRoots = await backup.CheckRootsAsync(roots, ct).ConfigureAwait(false);
        var skips = new BackupSkips(context, "dag/export");
        foreach (var skip in checkedRoots.Skipped)
        {
            skips.Add(skip);
        }

        if (checkedRoots.Skipped.Count > 0 && checkedRoots.Kept.Count == 0 && !allowEmpty)
        {
            ExceptionDispatchInfo.Throw(checkedRoots.Skipped[0].Error);
        }

        skips.WriteHeader();
        context.Response.ContentType = "application/vnd.ipld.car";
        context.Response.Headers["X-Stream-Output"] = "1";
        await backup.WriteCarAsync(checkedRoots, context.Response.Body, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads each CAR of a multipart body, puts its blocks (each verified against its CID), then pins the roots
    /// recursively unless <c>pin-roots=false</c>. A malformed CAR or a block that does not match its CID is a 400 and
    /// nothing is pinned (blocks read before the fault stay, unpinned, as with Kubo).
    /// </summary>
    private static async Task DagImportAsync(HttpContext context, IIpfsKit ipfs)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new ArgumentException("dag/import: the body must be multipart/form-data with a CAR file field");
        }

        var ct = context.RequestAborted;
        var pinRoots = KuboQuery.Flag(request, "pin-roots", true);
        var stats = KuboQuery.Flag(request, "stats", false);
        var backup = new PinBackup(ipfs);
        var roots = new List<Cid>();
        long blocks = 0, bytes = 0;
        var reader = new MultipartReader(boundary, request.Body);
        var files = 0;
        while (await reader.ReadNextSectionAsync(ct).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()
                && !(disposition.Name.Value?.StartsWith("file", StringComparison.Ordinal) ?? false))
            {
                continue;
            }

            files++;
            try
            {
                var imported = await backup.ImportCarAsync(section.Body, ct).ConfigureAwait(false);
                roots.AddRange(imported.Roots);
                blocks += imported.Blocks;
                bytes += imported.Bytes;
            }
            catch (IpfsKitIntegrityException e)
            {
                throw new InvalidDataException($"dag/import: CAR #{files.ToString(CultureInfo.InvariantCulture)} is corrupt, nothing pinned: {e.Message}", e);
            }
            catch (IpfsKitFormatException e)
            {
                throw new InvalidDataException($"dag/import: CAR #{files.ToString(CultureInfo.InvariantCulture)} is malformed, nothing pinned: {e.Message}", e);
            }
        }

        if (files == 0)
        {
            throw new ArgumentException("dag/import: no file field in the multipart body");
        }

        var results = pinRoots
            ? await backup.PinRootsAsync(roots, ct).ConfigureAwait(false)
            : [.. roots.Distinct().Select(r => (r, ""))];
        context.Response.ContentType = "application/json";
        context.Response.Headers["X-Chunked-Output"] = "1";
        foreach (var (root, error) in results)
        {
            WriteLine(context, json =>
            {
                json.WriteStartObject("Root");
                json.WriteStartObject("Cid");
                json.WriteString("/", root.ToString());
                json.WriteEndObject();
                json.WriteString("PinErrorMsg", error);
                json.WriteEndObject();
            });
        }

        if (stats)
        {
            WriteLine(context, json =>
            {
                json.WriteStartObject("Stats");
                json.WriteNumber("BlockCount", blocks);
                json.WriteNumber("BlockBytesCount", bytes);
                json.WriteEndObject();
            });
        }

        await context.Response.BodyWriter.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A pin's metadata as a JSON object of strings.</summary>
    private static string MetadataJson(IReadOnlyDictionary<string, string> metadata)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes a Parquet file with one <see cref="PinMetadataRow"/> per recursive or direct pin; a pin whose root cannot be
    /// read or decoded has no row and is reported (<see cref="BackupSkips"/>).
    /// </summary>
    private static async Task MetadataExportAsync(HttpContext context, IIpfsKit ipfs, NodeSettings settings, TimeProvider time)
    {
        var ct = context.RequestAborted;
        var exportedAt = time.GetUtcNow().UtcDateTime;
        var role = settings.Role.ToString().ToLowerInvariant();
        var rows = new List<PinMetadataRow>();

        // On the master, the pinset knows each pin's placement (its plan's targets) and when it was ingested.
        var master = new Dictionary<string, MasterPinInfo>(StringComparer.Ordinal);
        if (context.RequestServices.GetService<MasterNode>() is { } masterNode)
        {
            foreach (var info in await masterNode.ListPinsAsync(ct).ConfigureAwait(false))
            {
                master[Cid.Parse(info.Cid).ToV1().ToString()] = info;
            }
        }

        var replication = context.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<IpfsKitOptions>>()?.Value.Roles.Replication ?? 1;
        var skips = new BackupSkips(context, "metadata/export");
        var backup = new PinBackup(ipfs);
        await foreach (var pin in ipfs.ListPinsAsync(null, ct).ConfigureAwait(false))
        {
            if (pin.Mode == PinMode.Indirect)
            {
                continue;
            }

            long size;
            try
            {
                size = await backup.CumulativeSizeAsync(pin.Cid, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (BackupSkip.IsSkippable(e))
            {
                skips.Add(new BackupSkip(pin.Cid, e));
                continue;
            }

            var placed = master.GetValueOrDefault(pin.Cid.ToV1().ToString());
            rows.Add(new PinMetadataRow
            {
                Cid = pin.Cid.ToString(),
                SizeBytes = size,
                PinType = pin.Mode.ToString().ToLowerInvariant(),
                Role = role,
                Placement = placed is null ? "" : string.Join(' ', placed.Targets), // empty off the master
                Name = placed?.Policy?.Name,
                ReplicationMin = placed is null ? null : (placed.Policy ?? new PinOptions()).GetReplicationBounds(replication).Min,
                ReplicationMax = placed is null ? null : (placed.Policy ?? new PinOptions()).GetReplicationBounds(replication).Max,
                Metadata = placed?.Policy?.Metadata is { Count: > 0 } metadata ? MetadataJson(metadata) : null,
                PinnedAt = placed?.AddedAt.UtcDateTime, // the embedded pinset does not record when a pin was made
                ExportedAt = exportedAt,
            });
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.Cid, b.Cid));

        // Parquet writes its footer by seeking back; a temporary file keeps memory flat whatever the pinset's size.
        var path = Path.Combine(Path.GetTempPath(), "ipfskit-metadata-" + Guid.NewGuid().ToString("N") + ".parquet");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await ParquetSerializer.SerializeAsync(rows, file, cancellationToken: ct).ConfigureAwait(false);
            file.Position = 0;
            skips.WriteHeader();
            context.Response.ContentType = "application/vnd.apache.parquet";
            context.Response.ContentLength = file.Length;
            await file.CopyToAsync(context.Response.Body, ct).ConfigureAwait(false);
        }
    }

    private static void WriteLine(HttpContext context, Action<Utf8JsonWriter> body)
    {
        using (var json = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        context.Response.BodyWriter.Write(NewLine.Span);
    }

    private static Cid ParseCid(string arg) => CidArgument.Parse(arg);
}
