using System.Buffers;
using Microsoft.AspNetCore.StaticFiles;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// A file's <c>Content-Type</c>, as Kubo's gateway chooses it: from the name's extension when it has a known one, else
/// sniffed from the first 512 bytes (signatures of common formats, then text or binary).
/// </summary>
internal static class GatewayContentType
{
    private const int SniffLength = 512;
    private const string Binary = "application/octet-stream";
    private static readonly FileExtensionContentTypeProvider Extensions = new();

    private static readonly (byte[] Signature, string Type)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), "application/pdf"),
        ([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
        ("GIF87a"u8.ToArray(), "image/gif"),
        ("GIF89a"u8.ToArray(), "image/gif"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        ([0x00, (byte)'a', (byte)'s', (byte)'m'], "application/wasm"),
        ([(byte)'P', (byte)'K', 0x03, 0x04], "application/zip"),
        ([0x1F, 0x8B, 0x08], "application/x-gzip"),
        ("OggS"u8.ToArray(), "application/ogg"),
        ([0x1A, 0x45, 0xDF, 0xA3], "video/webm"),
    ];

    private static readonly string[] HtmlStarts = ["<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--"];

    /// <summary>Chooses the type of <paramref name="content"/>, which is left at position 0.</summary>
    /// <param name="content">The file, seekable, at position 0.</param>
    /// <param name="name">The file's name (the last path segment or <c>?filename=</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<string> DetectAsync(Stream content, string? name, CancellationToken cancellationToken)
    {
        if (name is not null && Extensions.TryGetContentType(name, out var byName))
        {
            return byName.StartsWith("text/", StringComparison.Ordinal) && !byName.Contains("charset", StringComparison.Ordinal) ? byName + "; charset=utf-8" : byName;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(SniffLength);
        try
        {
            var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, SniffLength), SniffLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            content.Position = 0;
            return Sniff(buffer.AsSpan(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The type the first bytes show.</summary>
    public static string Sniff(ReadOnlySpan<byte> head)
    {
        foreach (var (signature, type) in Signatures)
        {
            if (head.StartsWith(signature))
            {
                return type;
            }
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return "video/mp4";
        }

        var text = head.TrimStart(" \t\r\n\f"u8);
        var start = System.Text.Encoding.ASCII.GetString(text[..Math.Min(text.Length, 16)]).ToUpperInvariant();
        foreach (var tag in HtmlStarts)
        {
            if (start.StartsWith(tag, StringComparison.Ordinal) && (start.Length == tag.Length || start[tag.Length] is ' ' or '>' || tag == "<!--"))
            {
                return "text/html; charset=utf-8";
            }
        }

        if (start.StartsWith("<?XML", StringComparison.Ordinal))
        {
            return System.Text.Encoding.ASCII.GetString(text).Contains("<svg", StringComparison.OrdinalIgnoreCase) ? "image/svg+xml" : "text/xml; charset=utf-8";
        }

        if (start.StartsWith("<SVG", StringComparison.Ordinal))
        {
            return "image/svg+xml";
        }

        foreach (var b in head)
        {
            if (b is <= 0x08 or 0x0B or (>= 0x0E and <= 0x1A) or (>= 0x1C and <= 0x1F))
            {
                return Binary;
            }
        }

        return "text/plain; charset=utf-8";
    }
}
