using System.Buffers;
using System.Text;

namespace IpfsKit.Http.Internal;

/// <summary>Bounded reads of answer bodies: an error body, or a body the caller caps (a block), never buffered past the bound.</summary>
internal static class RemoteBody
{
    /// <summary>The most of an error body that is read (64 KiB); the rest is left unread.</summary>
    public const int MaxErrorBodyLength = 64 * 1024;

    /// <summary>What ends an error text that was cut at <see cref="MaxErrorBodyLength"/>.</summary>
    public const string TruncatedMark = "…(truncated)";

    /// <summary>
    /// The start of an error answer's body as text: at most <see cref="MaxErrorBodyLength"/> bytes, then
    /// <see cref="TruncatedMark"/> when there was more; empty when the body cannot be read (the status is what matters).
    /// </summary>
    public static async Task<string> ReadErrorAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            var (data, truncated) = await ReadAtMostAsync(content, MaxErrorBodyLength, cancellationToken).ConfigureAwait(false);
            var text = Encoding.UTF8.GetString(data);
            return truncated ? text + TruncatedMark : text;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// Reads at most <paramref name="maxLength"/> bytes of a body; <c>Truncated</c> tells whether it had more (found by
    /// reading at most one buffer past the bound, never the rest of the body).
    /// </summary>
    public static async Task<(byte[] Data, bool Truncated)> ReadAtMostAsync(HttpContent content, int maxLength, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (content.Headers.ContentLength is { } declared && declared <= maxLength)
            {
                return await ReadDeclaredAsync(stream, (int)declared, cancellationToken).ConfigureAwait(false);
            }

            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxLength + 1, 64 * 1024));
            try
            {
                using var result = new MemoryStream();
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (result.Length + read > maxLength)
                    {
                        result.Write(buffer, 0, maxLength - (int)result.Length);
                        return (result.ToArray(), true);
                    }

                    result.Write(buffer, 0, read);
                }

                return (result.ToArray(), false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Reads a body whose length the server declared straight into an array of that length (one copy, no growing
    /// buffer: a gateway's 1 MiB block no longer passes through a MemoryStream); a body that ends early is returned as far
    /// as it came, one that goes on past the declared length counts as truncated.
    /// </summary>
    private static async Task<(byte[] Data, bool Truncated)> ReadDeclaredAsync(Stream stream, int length, CancellationToken cancellationToken)
    {
        var data = GC.AllocateUninitializedArray<byte>(length);
        var total = await stream.ReadAtLeastAsync(data, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (total < length)
        {
            return (data.AsSpan(0, total).ToArray(), false);
        }

        var probe = new byte[1];
        return (data, await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0);
    }
}
