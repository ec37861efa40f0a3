using System.Buffers;
using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Reading.Internal;
using IpfsKit.Errors;

namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>
/// A UnixFS file as a seekable, read-only stream; open one with <see cref="UnixFsReader.OpenReadAsync"/>. A byte range
/// is <see cref="Seek"/> (or <see cref="Position"/>) followed by a bounded read.
/// </summary>
/// <remarks>
/// <para>
/// A read descends from the root by the blocksizes, so children whose content ends before the position are never
/// fetched. The root-to-leaf path of decoded nodes is kept, so reading on fetches each internal node once and each
/// leaf once. Every child is checked against its parent's record when it is fetched (it must be file data of exactly
/// the recorded size), so a DAG that disagrees with itself fails with <see cref="IpfsKitFormatException"/> rather
/// than returning wrong bytes; a missing block fails with <see cref="IpfsKitBlockNotFoundException"/>.
/// </para>
/// <para>
/// With <see cref="UnixFsReaderOptions.ReadAheadBlocks"/> above 0, reaching a leaf also starts fetching its next
/// siblings in the background (at most that many blocks in flight); a prefetch that is never read is dropped, and its
/// failure is ignored. Disposing the stream cancels the prefetches in flight.
/// </para>
/// <para>
/// Prefer the asynchronous methods. The synchronous <see cref="Read(byte[], int, int)"/> blocks the calling thread on
/// the asynchronous path (sync-over-async); it is safe because the reader never needs the caller's synchronization
/// context, provided the block source does not either. <see cref="CopyToAsync(Stream, int, CancellationToken)"/> writes
/// the blocks' bytes without an intermediate buffer.
/// </para>
/// <para>Not thread-safe, like any stream: use one stream from one reader at a time.</para>
/// </remarks>
public sealed class UnixFsFileStream : Stream
{
    private readonly FileCursor _cursor;
    private readonly long _length;
    private long _position;
    private bool _disposed;

    internal UnixFsFileStream(IBlockSource source, UnixFsNode root, int readAheadBlocks)
    {
        _cursor = new FileCursor(source, root, readAheadBlocks);
        _length = root.ContentSize;
        Cid = root.Cid;
    }

    /// <summary>Gets the CID of the file's root.</summary>
    public Cid Cid { get; }

    /// <inheritdoc/>
    public override bool CanRead => !_disposed;

    /// <inheritdoc/>
    public override bool CanSeek => !_disposed;

    /// <inheritdoc/>
    /// <value>Always <see langword="false"/>.</value>
    public override bool CanWrite => false;

    /// <summary>Gets the file's size: the root's filesize (checked against its data and blocksizes), or a raw block's length.</summary>
    /// <exception cref="ObjectDisposedException">The stream is disposed.</exception>
    public override long Length
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _length;
        }
    }

    /// <summary>Gets or sets the position. Setting it fetches nothing; a position past the end reads 0 bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    /// <exception cref="ObjectDisposedException">The stream is disposed.</exception>
    public override long Position
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _position;
        }

        set
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>'s length from the position, fetching only the blocks that hold those bytes.
    /// Fills the buffer unless the end of the file comes first.
    /// </summary>
    /// <param name="buffer">Where the bytes go.</param>
    /// <param name="cancellationToken">Cancels the read; bytes already copied have advanced the position.</param>
    /// <returns>The number of bytes read; 0 at or past the end.</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">A block the read needs is not in the source.</exception>
    /// <exception cref="IpfsKitFormatException">A node on the way is invalid or disagrees with its parent.</exception>
    /// <exception cref="ObjectDisposedException">The stream is disposed.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027", Justification = "The override keeps Stream.ReadAsync(Memory<byte>, CancellationToken = default) as Stream declares it; the overloads are Stream's.")]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var total = 0;
        while (total < buffer.Length && _position < _length)
        {
            var segment = await _cursor.GetSegmentAsync(_position, cancellationToken).ConfigureAwait(false);
            var count = Math.Min(segment.Length, buffer.Length - total);
            segment.Span[..count].CopyTo(buffer.Span[total..]);
            total += count;
            _position += count;
        }

        return total;
    }

    /// <inheritdoc cref="ReadAsync(Memory{byte}, CancellationToken)"/>
    /// <param name="buffer">Where the bytes go.</param>
    /// <param name="offset">Where in <paramref name="buffer"/> to start.</param>
    /// <param name="count">The most bytes to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>Reads synchronously by blocking on <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.</summary>
    /// <param name="buffer">Where the bytes go.</param>
    /// <param name="offset">Where in <paramref name="buffer"/> to start.</param>
    /// <param name="count">The most bytes to read.</param>
    /// <returns>The number of bytes read; 0 at or past the end.</returns>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        var read = ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None);
        return read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Reads synchronously by blocking on <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.</summary>
    /// <param name="buffer">Where the bytes go.</param>
    /// <returns>The number of bytes read; 0 at or past the end.</returns>
    public override int Read(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Copies from the position to the end, writing each block's bytes straight to <paramref name="destination"/>.</summary>
    /// <param name="destination">The stream to write to.</param>
    /// <param name="bufferSize">Unused beyond validation: no intermediate buffer is needed.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>A task that completes when the copy is done.</returns>
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ValidateCopyToArguments(destination, bufferSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_position < _length)
        {
            var segment = await _cursor.GetSegmentAsync(_position, cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
            _position += segment.Length;
        }
    }

    /// <summary>Moves the position. Fetches nothing; a position past the end reads 0 bytes.</summary>
    /// <param name="offset">The offset from <paramref name="origin"/>.</param>
    /// <param name="origin">Where the offset counts from.</param>
    /// <returns>The new position.</returns>
    /// <exception cref="IOException">The new position would be before the start.</exception>
    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown SeekOrigin."),
        };
        if (target < 0)
        {
            throw new IOException("An attempt was made to move the position before the beginning of the stream.");
        }

        _position = target;
        return target;
    }

    /// <summary>Does nothing: the stream is read-only.</summary>
    public override void Flush()
    {
    }

    /// <summary>Not supported: the stream is read-only.</summary>
    /// <param name="value">Ignored.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void SetLength(long value) => throw new NotSupportedException("A UnixFS file stream is read-only.");

    /// <summary>Not supported: the stream is read-only.</summary>
    /// <param name="buffer">Ignored.</param>
    /// <param name="offset">Ignored.</param>
    /// <param name="count">Ignored.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A UnixFS file stream is read-only.");

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _cursor.Dispose();
        }

        base.Dispose(disposing);
    }
}
