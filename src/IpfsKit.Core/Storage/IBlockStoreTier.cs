using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Storage;

/// <summary>
/// One tier of the tiered block store: a block store bounded by a byte budget that evicts the least recently used
/// blocks to stay within it, never evicts pinned blocks, and counts what it does.
/// </summary>
/// <remarks>
/// <para>
/// A pin here is a keep-mark on one block for this tier, not an IPFS recursive pin: the pinset of a node is built on
/// top. Pinning a CID whose block is not (yet) present is allowed; the block is kept once it arrives.
/// <see cref="IBlockStore.DeleteAsync"/> removes a block and its pin.
/// </para>
/// <para>Implementations are thread-safe.</para>
/// </remarks>
public interface IBlockStoreTier : IBlockStore
{
    /// <summary>Gets the tier's name as used in metrics tags and messages: <c>"memory"</c> or <c>"disk"</c>.</summary>
    string Name { get; }

    /// <summary>Gets the byte budget. The blocks held never add up to more.</summary>
    long Capacity { get; }

    /// <summary>Gets the bytes of the blocks held now.</summary>
    long UsedBytes { get; }

    /// <summary>Gets the bytes of the pinned blocks held now: what eviction can never free.</summary>
    long PinnedBytes { get; }

    /// <summary>Marks a block as never to be evicted.</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the block is present now.</returns>
    ValueTask<bool> PinAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the never-evict mark of a block; it is evictable again, and when the tier holds more than its budget
    /// (pinned blocks kept it above a lowered budget), least recently used unpinned blocks are evicted down to it.
    /// </summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the block was pinned.</returns>
    ValueTask<bool> UnpinAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a block unless it is pinned here: the check and the deletion are one step, so a block pinned before it
    /// (by a pin or by an add in progress) is never lost. Garbage collection uses it.
    /// </summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The bytes freed: the block's size, or 0 when it is pinned or absent.</returns>
    ValueTask<long> DeleteUnpinnedAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Lists the pinned CIDs (present or not), a snapshot taken when the enumeration starts.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pinned CIDs, in no particular order.</returns>
    IAsyncEnumerable<Cid> EnumeratePinsAsync(CancellationToken cancellationToken = default);

    /// <summary>Tells whether a CID is pinned in this tier.</summary>
    /// <param name="cid">The block's CID.</param>
    /// <returns>Whether it is pinned.</returns>
    bool IsPinned(Cid cid);

    /// <summary>Gets the tier's counters since it was created or opened.</summary>
    /// <returns>A snapshot of the counters.</returns>
    BlockStoreStatistics GetStatistics();
}
