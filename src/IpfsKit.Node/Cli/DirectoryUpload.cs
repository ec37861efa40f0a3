using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace IpfsKit.Node.Cli;

/// <summary>
/// <c>add -r DIR</c> as Kubo's CLI sends it: one multipart body of directory parts (<c>application/x-directory</c>)
/// and file parts named by their escaped relative paths, each file opened only when its part is sent; the node answers
/// one line per file and directory, the root last.
/// </summary>
internal static class DirectoryUpload
{
    /// <summary>The files and directories under <paramref name="root"/> (hidden ones skipped, as <c>ipfs add -r</c>), named from the root's own name.</summary>
    public static List<(string Path, string Name, bool IsDirectory)> Enumerate(string root)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(root));
        var entries = new List<(string, string, bool)> { (root, name, true) };
        Walk(root, name, entries);
        return entries;
    }

    /// <summary>Posts the tree and yields each (cid, name) line the node answers, the root last.</summary>
    public static async IAsyncEnumerable<(string Cid, string Name)> PostAsync(
        NodeConnection node, List<(string Path, string Name, bool IsDirectory)> entries, bool pin, ProgressBar progress,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var body = new MultipartFormDataContent();
        foreach (var (path, name, isDirectory) in entries)
        {
            HttpContent part = isDirectory ? new ByteArrayContent([]) : new FileContent(path, progress);
            part.Headers.ContentType = new MediaTypeHeaderValue(isDirectory ? "application/x-directory" : "application/octet-stream");
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = "\"" + Uri.EscapeDataString(name) + "\"" };
            body.Add(part);
        }

        using var response = await node.SendAsync(HttpMethod.Post, $"api/v0/add?pin={(pin ? "true" : "false")}", body, false, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("Hash", out var hash) && json.RootElement.TryGetProperty("Name", out var named))
            {
                yield return (hash.GetString()!, named.GetString()!);
            }
            else
            {
                var message = json.RootElement.TryGetProperty("Message", out var m) ? m.GetString() : line;
                throw new CliException($"add: the node failed: {message}");
            }
        }
    }

    private static void Walk(string directory, string name, List<(string, string, bool)> entries)
    {
        var children = new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .Where(c => !c.Name.StartsWith('.'))
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var child in children)
        {
            var childName = name + "/" + child.Name;
            var isDirectory = child is DirectoryInfo;
            entries.Add((child.FullName, childName, isDirectory));
            if (isDirectory)
            {
                Walk(child.FullName, childName, entries);
            }
        }
    }

    /// <summary>A file part that opens its file only when sent, counting its bytes on the progress bar.</summary>
    private sealed class FileContent(string path, ProgressBar progress) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (file.ConfigureAwait(false))
            {
                await new ProgressStream(file, progress).CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = new FileInfo(path).Length;
            return true;
        }
    }
}
