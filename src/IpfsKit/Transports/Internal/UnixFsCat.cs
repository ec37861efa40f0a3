using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Reading;

namespace IpfsKit.Transports.Internal;

/// <summary>
/// A cat over any block source: the UnixFS reader's seekable file stream, or a window of it for a range (seeking
/// fetches only the blocks the range covers). Shared by the embedded node, the gateway and the facade's cached reads.
/// </summary>
internal static class UnixFsCat
{
    /// <summary>Opens the file, or its range; an offset at or past the end reads nothing.</summary>
    public static async Task<Stream> OpenAsync(UnixFsReader reader, Cid cid, ByteRange? range, CancellationToken cancellationToken)
    {
        range?.Validate();
        var file = await reader.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
        if (range is not { } wanted)
        {
            return file;
        }

        var offset = Math.Min(wanted.Offset, file.Length);
        var available = file.Length - offset;
        file.Position = offset;
        return new RangeReadStream(file, wanted.Length is { } length ? Math.Min(length, available) : available);
    }
}
