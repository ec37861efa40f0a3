using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using IpfsKit.Blocks;

namespace IpfsKit.Content.Car;

/// <summary>
/// Reads a CARv1 stream with a <see cref="PipeReader"/>: the header on open, then the blocks one section at a time,
/// each verified against its CID. Malformed input ends in <see cref="IpfsKitFormatException"/> (subject "CAR", with the
/// byte offset), a block whose bytes do not match its CID in <see cref="IpfsKitIntegrityException"/>.
/// </summary>
/// <remarks>Not thread-safe. Disposing completes the pipe; the source stream is left open.</remarks>
public sealed class CarReader : IAsyncDisposable
{
    private readonly PipeReader _pipe;
    private readonly CarReaderOptions _options;
    private long _offset;

    private CarReader(PipeReader pipe, CarReaderOptions options, IReadOnlyList<Cid> roots, long offset)
    {
        _pipe = pipe;
        _options = options;
        Roots = roots;
        _offset = offset;
    }

    /// <summary>Gets the root CIDs named by the header.</summary>
    public IReadOnlyList<Cid> Roots { get; }

    /// <summary>Opens a CAR and reads its header.</summary>
    /// <param name="source">The CAR bytes.</param>
    /// <param name="options">Limits. <value>The default value is a <see cref="CarReaderOptions"/> with its defaults.</value></param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The reader, positioned at the first block.</returns>
    /// <exception cref="IpfsKitFormatException">The header is malformed, too large or not version 1.</exception>
    public static async Task<CarReader> OpenAsync(Stream source, CarReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new CarReaderOptions();
        var pipe = PipeReader.Create(source, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            var header = await ReadSectionAsync(pipe, 0, options.MaxHeaderSize, "header", cancellationToken).ConfigureAwait(false)
                ?? throw new IpfsKitFormatException("CAR", "empty input: no header", 0);
            var roots = CarHeader.Decode(header.Bytes, header.BodyOffset);
            return new CarReader(pipe, options, roots, header.NextOffset);
        }
        catch
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the blocks in file order.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The blocks (verified unless <see cref="CarReaderOptions.VerifyBlocks"/> is off).</returns>
    public async IAsyncEnumerable<Block> ReadBlocksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadSectionAsync(_pipe, _offset, _options.MaxSectionSize, "section", cancellationToken).ConfigureAwait(false) is { } section)
        {
            Cid cid;
            int cidLength;
            try
            {
                cid = Cid.Read(section.Bytes, out cidLength);
            }
            catch (IpfsKitFormatException ex)
            {
                throw new IpfsKitFormatException("CAR", $"section CID: {ex.Reason}", section.BodyOffset + (ex.Offset ?? 0), ex);
            }

            var data = section.Bytes.AsMemory(cidLength);
            _offset = section.NextOffset;
            yield return _options.VerifyBlocks ? Block.CreateVerified(cid, data) : Block.FromTrusted(cid, data);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _pipe.CompleteAsync();

    /// <summary>Reads <c>varint(length) bytes</c>; null at a clean end of input.</summary>
    private static async ValueTask<Section?> ReadSectionAsync(PipeReader pipe, long offset, int maxLength, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryReadSection(ref buffer, offset, maxLength, what, out var section))
            {
                pipe.AdvanceTo(buffer.Start);
                return section;
            }

            if (result.IsCompleted)
            {
                if (result.Buffer.IsEmpty)
                {
                    pipe.AdvanceTo(result.Buffer.End);
                    return null;
                }

                throw new IpfsKitFormatException("CAR", $"the input ends inside a {what} ({result.Buffer.Length} bytes left)", offset);
            }

            pipe.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static bool TryReadSection(ref ReadOnlySequence<byte> buffer, long offset, int maxLength, string what, out Section section)
    {
        section = default;
        Span<byte> prefix = stackalloc byte[Varint.MaxMultiformatLength];
        var available = (int)Math.Min(buffer.Length, prefix.Length);
        buffer.Slice(0, available).CopyTo(prefix);
        var status = Varint.TryRead(prefix[..available], out var length, out var prefixLength);
        if (status == OperationStatus.NeedMoreData)
        {
            return false;
        }

        if (status == OperationStatus.InvalidData)
        {
            throw new IpfsKitFormatException("CAR", $"the {what} length is not a valid varint", offset);
        }

        if (length == 0 || length > (ulong)maxLength)
        {
            throw new IpfsKitFormatException("CAR", $"{what} length {length} is outside 1..{maxLength}", offset);
        }

        if (buffer.Length < prefixLength + (long)length)
        {
            return false;
        }

        var bytes = buffer.Slice(prefixLength, (long)length).ToArray();
        buffer = buffer.Slice(prefixLength + (long)length);
        section = new Section(bytes, offset + prefixLength, offset + prefixLength + (long)length);
        return true;
    }

    private readonly record struct Section(byte[] Bytes, long BodyOffset, long NextOffset);
}
