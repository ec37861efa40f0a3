using IpfsKit.Blocks;

namespace IpfsKit.Content.Car;

/// <summary>
/// Writes a CARv1 stream: a header naming the roots, then one section per block
/// (<c>varint(length) CID bytes</c>). Streams: nothing is buffered beyond one block.
/// </summary>
/// <remarks>Not thread-safe. The destination stream is not disposed.</remarks>
public sealed class CarWriter
{
    private readonly Stream _destination;

    private CarWriter(Stream destination) => _destination = destination;

    /// <summary>Starts a CAR by writing its header.</summary>
    /// <param name="destination">Where the CAR goes.</param>
    /// <param name="roots">The root CIDs (usually one; an empty list is written as such, though many tools expect a root).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The writer.</returns>
    public static async Task<CarWriter> CreateAsync(Stream destination, IReadOnlyList<Cid> roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(roots);
        var header = CarHeader.Encode(roots);
        var prefix = new byte[Varint.MaxProtobufLength];
        var n = Varint.Write(prefix, (ulong)header.Length);
        await destination.WriteAsync(prefix.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        return new CarWriter(destination);
    }

    /// <summary>Appends a block.</summary>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the section is written.</returns>
    public async Task WriteAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        var cid = block.Cid;
        var head = new byte[Varint.MaxProtobufLength + cid.ByteLength];
        var n = Varint.Write(head, (ulong)(cid.ByteLength + block.Size));
        n += cid.WriteTo(head.AsSpan(n));
        await _destination.WriteAsync(head.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        await _destination.WriteAsync(block.Data, cancellationToken).ConfigureAwait(false);
    }
}
