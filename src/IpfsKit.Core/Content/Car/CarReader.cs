using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content.Car.Internal;
using IpfsKit.Errors;

namespace IpfsKit.Content.Car;

/// <summary>
/// Reads a CARv1 stream (https://ipld.io/specs/transport/car/carv1/) through a <see cref="PipeReader"/>: the header when
/// opened, then the blocks one section at a time, each checked against its CID.
/// </summary>
/// <remarks>
/// <para>
/// Malformed input ends in an <see cref="IpfsKitFormatException"/> whose <see cref="IpfsKitFormatException.Subject"/>
/// is <c>"CAR"</c> and whose <see cref="IpfsKitFormatException.Offset"/> is the byte offset in the CAR; a block whose
/// bytes do not hash to its CID ends in an <see cref="IpfsKitIntegrityException"/> naming the CID. Blocks before the
/// failure have already been returned. Cancellation surfaces as <see cref="OperationCanceledException"/>, and errors of
/// the source stream as themselves.
/// </para>
/// <para>
/// Memory is bounded by <see cref="CarReaderOptions"/>: at most one header or one section is buffered at a time.
/// Not thread-safe. Disposing releases the reader's buffers; the source stream is left open (the reader may have read
/// ahead in it).
/// </para>
/// </remarks>
public sealed class CarReader : IAsyncDisposable
{
    // The longest binary CID: version, codec, hash function and digest length varints, then the longest digest.
    private const int MaxCidLength = (4 * Varint.MaxMultiformatLength) + Multihash.MaxDigestLength;
    private const int PipeBufferSize = 64 * 1024;
    private const long HeaderIndex = -1;

    private static readonly CarReaderOptions DefaultOptions = new();

    private readonly PipeReader _pipe;
    private readonly CarReaderOptions _options;
    private long _position;
    private long _sectionIndex;
    private bool _disposed;

    private CarReader(PipeReader pipe, CarReaderOptions options)
    {
        _pipe = pipe;
        _options = options;
    }

    /// <summary>Gets the root CIDs named by the header, in header order. Empty when the CAR names no root.</summary>
    public IReadOnlyList<Cid> Roots { get; private set; } = [];

    /// <summary>Gets the CAR version from the header: always 1, since any other version is rejected when opening.</summary>
    public int Version { get; private set; }

    /// <summary>Opens a CAR: reads and checks its header, leaving the reader at the first section.</summary>
    /// <param name="source">The CAR bytes, read forwards only.</param>
    /// <param name="options">Limits and checks. <value>The default value is <see langword="null"/>: a <see cref="CarReaderOptions"/> with its defaults.</value></param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The reader; dispose it when done.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is out of range.</exception>
    /// <exception cref="IpfsKitFormatException">
    /// The input is empty, or the header is truncated, larger than <see cref="CarReaderOptions.MaxHeaderSize"/>, not a
    /// dag-cbor map of exactly <c>roots</c> (an array of CIDs) and <c>version</c>, or of a version other than 1.
    /// </exception>
    public static async Task<CarReader> OpenAsync(Stream source, CarReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= DefaultOptions;
        options.Validate();
        var pipe = PipeReader.Create(source, new StreamPipeReaderOptions(bufferSize: PipeBufferSize, leaveOpen: true));
        var reader = new CarReader(pipe, options);
        try
        {
            var header = await reader.ReadFrameAsync(options.MaxHeaderSize, HeaderIndex, cancellationToken).ConfigureAwait(false)
                ?? throw CarErrors.Format("the input is empty (a CAR starts with a header)", 0);
            (reader.Roots, reader.Version) = CarHeader.Read(header.Body, header.BodyOffset);
            return reader;
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the blocks that follow the header, in file order, until the end of the input.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// The blocks, each verified against its CID unless <see cref="CarReaderOptions.VerifyBlocks"/> is off. The reader
    /// moves forwards only: a second enumeration continues where the previous one stopped.
    /// </returns>
    /// <exception cref="IpfsKitFormatException">
    /// A section is truncated, empty, longer than <see cref="CarReaderOptions.MaxBlockSize"/> allows, or starts with a
    /// malformed CID; or a block's hash function cannot be computed, so the block cannot be verified.
    /// </exception>
    /// <exception cref="IpfsKitIntegrityException">A block's bytes do not hash to its CID.</exception>
    /// <exception cref="ObjectDisposedException">The reader is disposed.</exception>
    public async IAsyncEnumerable<Block> ReadBlocksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var maxSectionLength = (long)_options.MaxBlockSize + MaxCidLength;
        while (await ReadFrameAsync(maxSectionLength, _sectionIndex, cancellationToken).ConfigureAwait(false) is { } section)
        {
            yield return ToBlock(section);
            _sectionIndex++;
        }
    }

    /// <summary>Releases the reader's buffers. The source stream is not disposed.</summary>
    /// <returns>A task that completes when the reader is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _pipe.CompleteAsync().ConfigureAwait(false);
    }

    private static string Describe(long index) => index == HeaderIndex ? "the header" : $"section {index}";

    /// <summary>Reads one <c>varint(length) body</c> frame; null at a clean end of input (between frames).</summary>
    private async ValueTask<Frame?> ReadFrameAsync(long maxLength, long index, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.End;
            try
            {
                if (TryReadFrame(buffer, maxLength, index, out var prefixLength, out var length))
                {
                    var body = buffer.Slice(prefixLength, (long)length);
                    var frame = new Frame(body.ToArray(), _position + prefixLength);
                    consumed = examined = body.End;
                    _position = frame.BodyOffset + frame.Body.Length;
                    return frame;
                }

                if (result.IsCompleted)
                {
                    if (buffer.IsEmpty)
                    {
                        return null;
                    }

                    throw CarErrors.Format(
                        prefixLength == 0
                            ? $"the input ends inside the length of {Describe(index)}"
                            : $"the input ends inside {Describe(index)} ({buffer.Length - prefixLength} of {length} bytes)",
                        _position);
                }
            }
            finally
            {
                // Consume a whole frame or nothing. Without a whole frame, everything was examined, so the next read
                // waits for more data; after one, the rest is unexamined, so a frame already buffered is returned at once.
                _pipe.AdvanceTo(consumed, examined);
            }
        }
    }

    /// <summary>Reads the length prefix; true when the whole frame is in <paramref name="buffer"/>.</summary>
    private bool TryReadFrame(in ReadOnlySequence<byte> buffer, long maxLength, long index, out int prefixLength, out ulong length)
    {
        Span<byte> prefix = stackalloc byte[Varint.MaxMultiformatLength];
        var available = (int)Math.Min(buffer.Length, prefix.Length);
        buffer.Slice(0, available).CopyTo(prefix);
        var status = Varint.TryRead(prefix[..available], out length, out prefixLength, out var reason);
        if (status == OperationStatus.NeedMoreData)
        {
            return false;
        }

        if (status == OperationStatus.InvalidData)
        {
            throw CarErrors.Format($"the length of {Describe(index)} is not a valid varint ({reason})", _position);
        }

        if (length == 0)
        {
            throw CarErrors.Format(
                index == HeaderIndex ? "the header has length 0" : $"section {index} has length 0 (a section holds at least a CID)",
                _position);
        }

        if (length > (ulong)maxLength)
        {
            throw CarErrors.Format(
                index == HeaderIndex
                    ? $"the header is {length} bytes, more than MaxHeaderSize ({_options.MaxHeaderSize})"
                    : $"section {index} is {length} bytes, more than MaxBlockSize ({_options.MaxBlockSize}) plus the longest CID",
                _position);
        }

        return buffer.Length - prefixLength >= (long)length;
    }

    private Block ToBlock(Frame section)
    {
        Cid cid;
        int cidLength;
        try
        {
            cid = Cid.Read(section.Body, out cidLength);
        }
        catch (IpfsKitFormatException ex)
        {
            throw CarErrors.Format($"section {_sectionIndex} does not start with a valid CID: {ex.Reason}", section.BodyOffset + (ex.Offset ?? 0), ex);
        }

        var data = section.Body.AsMemory(cidLength);
        if (data.Length > _options.MaxBlockSize)
        {
            throw CarErrors.Format(
                $"block {cid} in section {_sectionIndex} is {data.Length} bytes, more than MaxBlockSize ({_options.MaxBlockSize})",
                section.BodyOffset + cidLength);
        }

        if (!_options.VerifyBlocks)
        {
            return Block.FromTrusted(cid, data);
        }

        if (!Multihash.IsSupported(cid.HashCode))
        {
            throw CarErrors.Format(
                $"block {cid} in section {_sectionIndex} uses the hash function {MulticodecNames.GetName(cid.HashCode)}, which IpfsKit cannot compute to verify it (set VerifyBlocks to false to read it unverified)",
                section.BodyOffset);
        }

        return Block.CreateVerified(cid, data);
    }

    private readonly record struct Frame(byte[] Body, long BodyOffset);
}
