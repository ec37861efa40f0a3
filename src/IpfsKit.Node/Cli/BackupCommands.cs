using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IpfsKit.Backup;
using IpfsKit.Content;
using IpfsKit.Node.Internal;
using IpfsKit.Transports;

namespace IpfsKit.Node.Cli;

/// <summary>
/// <c>backup export DIR</c> (pins.txt, pins.car, metadata.parquet) and <c>backup import DIR</c> (dag/import the CAR,
/// then pin every line of pins.txt).
/// </summary>
internal static class BackupCommands
{
    public const string PinsFile = "pins.txt";
    public const string CarFile = "pins.car";
    public const string MetadataFile = "metadata.parquet";

    public static Command Create(CliOptions options)
    {
        var backup = new Command("backup", "Export a node's pins and their blocks to a folder, or restore them");
        var exportDir = new Argument<string>("dir") { Description = "The folder to write (created if missing)" };
        var export = new Command("export", $"Write DIR/{PinsFile} ('<cid> <type>' a line), DIR/{CarFile} (every recursive pin a root) and DIR/{MetadataFile}") { exportDir };
        export.SetAction((result, ct) => CliApp.RunAsync(options, result, context => ExportAsync(context, result.GetValue(exportDir)!, ct)));
        var importDir = new Argument<string>("dir") { Description = "A folder written by 'backup export'" };
        var import = new Command("import", $"Import DIR/{CarFile} (roots pinned) and pin every line of DIR/{PinsFile}") { importDir };
        import.SetAction((result, ct) => CliApp.RunAsync(options, result, context => ImportAsync(context, result.GetValue(importDir)!, ct)));
        backup.Subcommands.Add(export);
        backup.Subcommands.Add(import);
        return backup;
    }

    private static async Task<int> ExportAsync(CliContext context, string dir, CancellationToken cancellationToken)
    {
        var node = context.Node;
        Directory.CreateDirectory(dir);
        var pins = new List<PinEntry>();
        await foreach (var pin in node.Kubo.ListPinsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (pin.Mode != PinMode.Indirect)
            {
                pins.Add(pin);
            }
        }

        var lines = BackupPinList.Format(pins);
        await File.WriteAllTextAsync(Path.Combine(dir, PinsFile), string.Concat(lines), cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"wrote {Path.Combine(dir, PinsFile)} ({pins.Count} pins)").ConfigureAwait(false);

        // The roots go in the body (one a line): a large pinset would not fit a URL.
        var roots = string.Concat(pins.Where(p => p.Mode == PinMode.Recursive).Select(p => p.Cid + "\n"));
        using var body = new StringContent(roots, Encoding.UTF8, "text/plain");
        var carBytes = await DownloadAsync(context, "api/v0/dag/export?allow-empty=true", body, Path.Combine(dir, CarFile), cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(dir, CarFile)} ({ByteText.Size(carBytes)})")).ConfigureAwait(false);

        var parquetBytes = await DownloadAsync(context, "api/v0/metadata/export", null, Path.Combine(dir, MetadataFile), cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(dir, MetadataFile)} ({ByteText.Size(parquetBytes)})")).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> ImportAsync(CliContext context, string dir, CancellationToken cancellationToken)
    {
        var pinsPath = Path.Combine(dir, PinsFile);
        var carPath = Path.Combine(dir, CarFile);
        foreach (var required in new[] { pinsPath, carPath })
        {
            if (!File.Exists(required))
            {
                throw new CliException($"{required}: not found (is {dir} a folder written by 'backup export'?)");
            }
        }

        var pins = new List<(Cid Cid, PinMode Mode)>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(pinsPath, cancellationToken).ConfigureAwait(false))
        {
            number++;
            try
            {
                if (BackupPinList.TryParseLine(line, out var pin))
                {
                    pins.Add((pin.Cid, pin.Mode));
                }
            }
            catch (FormatException e)
            {
                throw new CliException($"{pinsPath}:{number}: {e.Message}");
            }
        }

        var node = context.Node;
        var car = new FileStream(carPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        long blocks = 0, bytes = 0;
        var roots = 0;
        await using (car.ConfigureAwait(false))
        {
            using var form = new MultipartFormDataContent();
            var file = new StreamContent(car);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ipld.car");
            form.Add(file, "file", CarFile);
            using var response = await node.SendAsync(HttpMethod.Post, "api/v0/dag/import?pin-roots=true&stats=true", form, allowNotFound: false, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.TryGetProperty("Root", out var root))
                {
                    roots++;
                    if (root.GetProperty("PinErrorMsg").GetString() is { Length: > 0 } error)
                    {
                        throw new CliException($"dag/import: pinning {root.GetProperty("Cid").GetProperty("/").GetString()} failed: {error}");
                    }
                }
                else if (json.RootElement.TryGetProperty("Stats", out var stats))
                {
                    blocks = stats.GetProperty("BlockCount").GetInt64();
                    bytes = stats.GetProperty("BlockBytesCount").GetInt64();
                }
            }
        }

        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"imported {blocks} blocks ({ByteText.Size(bytes)}) from {carPath}, {roots} roots pinned")).ConfigureAwait(false);
        foreach (var (cid, mode) in pins)
        {
            await node.Kubo.PinAsync(cid, mode, cancellationToken).ConfigureAwait(false);
        }

        await context.Out.WriteLineAsync($"pinned {pins.Count} pins from {pinsPath}").ConfigureAwait(false);
        return 0;
    }

    private static async Task<long> DownloadAsync(CliContext context, string path, HttpContent? body, string destination, CancellationToken cancellationToken)
    {
        using var response = await context.Node.SendAsync(HttpMethod.Post, path, body, allowNotFound: false, cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues(BackupSkips.Header, out var skipped))
        {
            // The node left out pins whose root it cannot read or decode; the rest is exported.
            await context.Error.WriteLineAsync($"warning: {destination} leaves out: {string.Join("; ", skipped)}").ConfigureAwait(false);
        }

        var temporary = destination + ".partial";
        var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, destination, overwrite: true);
        return new FileInfo(destination).Length;
    }
}
