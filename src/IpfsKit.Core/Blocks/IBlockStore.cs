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

    /// <summary>
    /// Stores a block whose bytes are only lent: they sit in a buffer the caller reuses as soon as the returned task
    /// completes (the UnixFS importer's pooled chunk buffers), so a store that keeps them must copy them, and a store
    /// that only writes them out or forwards them within the call needs no copy. Storing a block that is already
    /// present does nothing.
    /// </summary>
    /// <param name="block">The block (its bytes match its CID), valid until the returned task completes.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write leaves nothing half-written.</param>
    /// <returns>A task that completes when the block is stored and its bytes are no longer used.</returns>
    /// <remarks>The default implementation copies the bytes and calls <see cref="PutAsync"/>; implementations that keep no reference to the bytes override it.</remarks>
    ValueTask PutLentAsync(Block block, CancellationToken cancellationToken = default) => PutAsync(Block.CopyOf(block), cancellationToken);

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
