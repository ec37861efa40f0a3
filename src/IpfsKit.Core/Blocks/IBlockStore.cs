using IpfsKit.Content;

namespace IpfsKit.Blocks;

/// <summary>A place blocks are kept: read, written, tested, deleted and listed by CID.</summary>
/// <remarks>Implementations are thread-safe; writing the same block twice is harmless.</remarks>
public interface IBlockStore : IBlockSource
{
    /// <summary>Tells whether the store holds a block.</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Whether the block is present.</returns>
    ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Stores a block. Storing a block that is already present does nothing.</summary>
    /// <param name="block">The block (its bytes match its CID).</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write leaves nothing half-written.</param>
    /// <returns>A task that completes when the block is stored.</returns>
    ValueTask PutAsync(Block block, CancellationToken cancellationToken = default);

    /// <summary>Removes a block.</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns>Whether the block was present.</returns>
    ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Lists the CIDs of the stored blocks, in no particular order.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The CIDs.</returns>
    IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default);
}
