using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace IpfsKit.Transports.KuboRpc.Internal;

/// <summary>
/// A <c>multipart/form-data</c> body with one file part, written straight from the source stream in pooled chunks: the
/// file is never buffered, and the length is unknown, so the request goes out with chunked transfer encoding.
/// </summary>
internal sealed class MultipartFileContent : HttpContent
{
    /// <summary>The size of the pooled copy buffer (within the 64–256 KiB the transport aims for).</summary>
    internal const int ChunkSize = 128 * 1024;

    private readonly Stream _source;
    private readonly byte[] _head;
    private readonly byte[] _tail;

    /// <summary>Creates the body.</summary>
    /// <param name="source">The file's bytes; read once to the end, not disposed.</param>
    /// <param name="fileName">The file name (URL-encoded into the part header); empty lets the node name it by CID.</param>
    internal MultipartFileContent(Stream source, string fileName)
    {
        _source = source;
        var boundary = "ipfskit-" + Guid.NewGuid().ToString("N");
        Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary=\"{boundary}\"");

        // A plain filename="…" only: js-ipfs misreads the extra filename*= that .NET's own multipart writes.
        var escaped = Uri.EscapeDataString(fileName);
        _head = Encoding.ASCII.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{escaped}\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        _tail = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
    }

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <inheritdoc/>
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_head, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await _source.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await stream.WriteAsync(_tail, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
