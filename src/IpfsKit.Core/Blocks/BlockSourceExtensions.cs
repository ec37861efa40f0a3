using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Blocks;

/// <summary>Helpers over <see cref="IBlockSource"/>.</summary>
public static class BlockSourceExtensions
{
    /// <summary>Gets a block that must exist.</summary>
    /// <param name="source">The source.</param>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The block.</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">The source does not have the block.</exception>
    public static async ValueTask<Block> GetRequiredAsync(this IBlockSource source, Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var block = await source.GetAsync(cid, cancellationToken).ConfigureAwait(false);
        return block ?? throw new IpfsKitBlockNotFoundException(cid);
    }
}
