using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using IpfsKit.Content.UnixFs.Reading;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// A directory without <c>index.html</c>, answered as an HTML page: one row per entry with its name (a link to it), its
/// size (the link's recorded cumulative size, as Kubo shows it) and its CID (a link to <c>/ipfs/{cid}</c>), and a link
/// to the parent below the root. Streamed entry by entry, so a large HAMT directory is not held in memory.
/// </summary>
internal static class GatewayDirectoryListing
{
    /// <summary>Changes when the page's markup does, so caches drop pages of an older version (path gateway spec, <c>Etag</c>).</summary>
    private const string Version = "1";

    public static string ETag(GatewayPath.Resolved resolved) => $"\"DirIndex-ipfskit{Version}_CID-{resolved.Cid}\"";

    public static async Task WriteAsync(HttpContext context, GatewayRequest request, UnixFsReader reader, GatewayPath.Resolved resolved, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var html = HtmlEncoder.Default;
        var path = request.ContentPath; // percent-encoded segments: safe in an href once HTML-encoded
        var title = html.Encode(Uri.UnescapeDataString(path));
        var writer = new StreamWriter(response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $$"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>{{title}}</title>
                <style>body{font-family:sans-serif;margin:2em}td{padding:.2em 1em}td.size{text-align:right}code{font-size:.85em}</style>
                </head><body>
                <h1>Index of {{title}}</h1>
                <p><code>{{html.Encode(resolved.Cid.ToString())}}</code></p>
                <table>
                <thead><tr><th>Name</th><th>Size</th><th>CID</th></tr></thead>
                <tbody>

                """)).ConfigureAwait(false);
            if (request.Segments.Count > 0)
            {
                var parent = path[..path.LastIndexOf('/')] + "/";
                await writer.WriteAsync($"<tr><td><a href=\"{html.Encode(parent)}\">..</a></td><td></td><td></td></tr>\n").ConfigureAwait(false);
            }

            await foreach (var entry in reader.ListAsync(resolved.Cid, cancellationToken).ConfigureAwait(false))
            {
                var href = html.Encode(path + "/" + Uri.EscapeDataString(entry.Name));
                var cid = html.Encode(entry.Cid.ToString());
                var size = entry.Tsize is { } tsize ? tsize.ToString(CultureInfo.InvariantCulture) : "";
                await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                    $"<tr><td><a href=\"{href}\">{html.Encode(entry.Name)}</a></td><td class=\"size\">{size}</td><td><a href=\"/ipfs/{cid}\"><code>{cid}</code></a></td></tr>\n")).ConfigureAwait(false);
            }

            await writer.WriteAsync("</tbody></table></body></html>\n").ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
