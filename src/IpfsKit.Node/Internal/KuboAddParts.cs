using System.Runtime.CompilerServices;
using IpfsKit.Content.UnixFs.Importing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Reads the parts of Kubo's multipart add body as import entries, in arrival order: a part's path is its URL-escaped
/// Content-Disposition filename (<c>dir%2Fsub%2Fa.txt</c>); Content-Type <c>application/x-directory</c> is a directory,
/// <c>application/symlink</c> a symbolic link whose body is the target, anything else a file whose body is its content.
/// An <c>Abspath</c> header is accepted and ignored. Parts whose field is not a file are skipped.
/// </summary>
internal static class KuboAddParts
{
    private const int MaxSymlinkTarget = 4096;

    /// <summary>Yields the entries; a file part's body is read by the importer before the next part is requested.</summary>
    /// <param name="reader">The body's reader.</param>
    /// <param name="unnamed">Receives the placeholder paths given to parts without a filename (their output name is the CID).</param>
    /// <param name="wrap">Whether the entries are wrapped in a directory, where every file needs a name.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async IAsyncEnumerable<ImportEntry> ReadAsync(MultipartReader reader, ISet<string> unnamed, bool wrap, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !(disposition.IsFileDisposition() || (disposition.Name.Value?.StartsWith("file", StringComparison.Ordinal) ?? false)))
            {
                continue;
            }

            var path = Uri.UnescapeDataString(HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? string.Empty).Trim('/');
            var kind = MediaTypeHeaderValue.TryParse(section.ContentType, out var type) ? type.MediaType.Value : null;
            if (string.Equals(kind, "application/x-directory", StringComparison.OrdinalIgnoreCase))
            {
                yield return ImportEntry.Directory(path);
            }
            else if (string.Equals(kind, "application/symlink", StringComparison.OrdinalIgnoreCase))
            {
                yield return ImportEntry.Symlink(path, await ReadTargetAsync(section.Body, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                if (path.Length == 0 && wrap)
                {
                    throw new ArgumentException("add: wrap-with-directory needs a filename for every file part");
                }

                if (path.Length == 0)
                {
                    // A bare upload: named by its CID in the output. The placeholder cannot clash with a real name.
                    path = "\uFFFF" + unnamed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    unnamed.Add(path);
                }

                var body = section.Body;
                yield return ImportEntry.File(path, _ => ValueTask.FromResult(body));
            }
        }
    }

    private static async Task<string> ReadTargetAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, System.Text.Encoding.UTF8, leaveOpen: true);
        var buffer = new char[MaxSymlinkTarget + 1];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        return length > MaxSymlinkTarget
            ? throw new ArgumentException($"add: a symbolic link target is longer than {MaxSymlinkTarget} characters")
            : new string(buffer, 0, length);
    }
}
