using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Transports.Embedded;

/// <content>Block get, put and stat over <see cref="Blocks"/>.</content>
public sealed partial class EmbeddedTransport
{
    /// <inheritdoc/>
    /// <exception cref="IpfsKitBlockNotFoundException">The store does not hold the block.</exception>
    public async Task<Block> GetBlockAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return await Blocks.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>A <see cref="Block"/> always carries bytes that match its CID, so it is stored as it is, unpinned.</remarks>
    /// <exception cref="IpfsKitCapacityException">The store has no room, because pinned blocks fill it.</exception>
    public async Task PutBlockAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        ThrowIfDisposed();
        await Blocks.PutAsync(block, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="IpfsKitBlockNotFoundException">The store does not hold the block.</exception>
    public async Task<BlockStat> StatBlockAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var block = await Blocks.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false);
        return new BlockStat(block.Cid, block.Size);
    }
}
