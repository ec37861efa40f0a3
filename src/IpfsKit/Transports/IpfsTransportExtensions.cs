using IpfsKit.Blocks;
using IpfsKit.Transports.Internal;

namespace IpfsKit.Transports;

/// <summary>Views of an <see cref="IIpfsTransport"/> as the core's abstractions.</summary>
public static class IpfsTransportExtensions
{
    /// <summary>
    /// Reads the transport's blocks as an <see cref="IBlockSource"/> (for the UnixFS reader, a DAG walk, or the next
    /// source of a <see cref="Storage.TieredBlockStore"/>): a block the node does not have is a miss
    /// (<see langword="null"/>); every other failure surfaces. Each block is verified by the transport as it reads it.
    /// </summary>
    /// <param name="transport">The transport.</param>
    /// <returns>The source; it holds no state of its own.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transport"/> is <see langword="null"/>.</exception>
    public static IBlockSource AsBlockSource(this IIpfsTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        return new TransportBlockSource(transport);
    }
}
