using System.Buffers;
using System.IO.Pipelines;
using IpfsKit.Blocks;
using IpfsKit.Content.Car.Internal;

namespace IpfsKit.Content.Car;

/// <summary>
/// Writes a CARv1 stream (https://ipld.io/specs/transport/car/carv1/): a header naming the roots, then one section
/// (<c>varint(length) CID block</c>) per block, in the order given.
/// </summary>
/// <remarks>
/// <para>
/// Streams through a <see cref="PipeWriter"/>: sections are buffered up to about 64 KiB and then written, so memory
/// does not grow with the CAR. <see cref="DisposeAsync"/> writes what is still buffered; a writer that is not disposed
/// may leave the last sections unwritten. After a failed or cancelled write the CAR is incomplete and should be discarded.
/// </para>
/// <para>
/// The writer neither checks that blocks match their CIDs (a <see cref="Block"/> is already checked) nor removes
/// duplicates. Not thread-safe. The destination stream is not disposed.
/// </para>
/// </remarks>
public sealed class CarWriter : IAsyncDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly PipeWriter _pipe;
    private long _unflushed;
    private bool _disposed;

    private CarWriter(PipeWriter pipe) => _pipe = pipe;

    /// <summary>Starts a CAR: writes its header to <paramref name="destination"/>.</summary>
    /// <param name="destination">Where the CAR goes; written forwards only.</param>
    /// <param name="roots">
    /// The root CIDs, usually one. An empty list is written as an empty <c>roots</c> array: the CARv1 specification asks
    /// for at least one root, but leaves the question open (its "Number of roots" section), IPLD's maintainers advise
    /// new readers to accept none (ipld/ipld#287), and go-car's older reader rejects it.
    /// </param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The writer; dispose it to finish the CAR.</returns>
    /// <exception cref="ArgumentException">A root is <c>default(Cid)</c>, or the destination is not writable.</exception>
    public static async Task<CarWriter> CreateAsync(Stream destination, IReadOnlyList<Cid> roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(roots);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable.", nameof(destination));
        }

        foreach (var root in roots)
        {
            if (root.IsEmpty)
            {
                throw new ArgumentException("A root CID is empty (default).", nameof(roots));
            }
        }

        var writer = new CarWriter(PipeWriter.Create(destination, new StreamPipeWriterOptions(minimumBufferSize: FlushThreshold, leaveOpen: true)));
        try
        {
            writer.AppendHeader(roots);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return writer;
        }
        catch
        {
            await writer._pipe.CompleteAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Appends a block as the next section.</summary>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the section is buffered or written.</returns>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public async Task WriteAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        ObjectDisposedException.ThrowIf(_disposed, this);
        AppendSection(block);
        if (_unflushed >= FlushThreshold)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the buffered sections to the destination and flushes it.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the destination is flushed.</returns>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
        _unflushed = 0;
    }

    /// <summary>Writes the buffered sections and releases the writer. The destination stream is not disposed.</summary>
    /// <returns>A task that completes when everything is written.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Completing a stream PipeWriter without an error writes what it still buffers.
        await _pipe.CompleteAsync().ConfigureAwait(false);
    }

    private void AppendHeader(IReadOnlyList<Cid> roots)
    {
        var headerLength = CarHeader.GetEncodedLength(roots);
        var span = _pipe.GetSpan(Varint.MaxMultiformatLength + headerLength);
        var written = Varint.Write(span, (ulong)headerLength);
        written += CarHeader.Write(span[written..], roots);
        _pipe.Advance(written);
        _unflushed += written;
    }

    private void AppendSection(Block block)
    {
        var cid = block.Cid;
        var span = _pipe.GetSpan(Varint.MaxMultiformatLength + cid.ByteLength);
        var written = Varint.Write(span, (ulong)cid.ByteLength + (ulong)block.Size);
        written += cid.WriteTo(span[written..]);
        _pipe.Advance(written);
        _pipe.Write(block.Data.Span);
        _unflushed += written + block.Size;
    }
}
