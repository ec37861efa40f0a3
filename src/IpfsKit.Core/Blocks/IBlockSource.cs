using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Blocks;

/// <summary>Something blocks can be read from: a store, a cache tier, a remote node, a CAR file.</summary>
/// <remarks>Implementations are thread-safe. A block returned by a source has been verified against its CID.</remarks>
public interface IBlockSource
{
    /// <summary>Gets a block.</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The block, or <see langword="null"/> when this source does not have it.</returns>
    /// <exception cref="IpfsKitIntegrityException">The source holds bytes that do not match the CID.</exception>
    ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default);
}
