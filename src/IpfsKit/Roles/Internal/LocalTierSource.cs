using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Storage;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Internal;

/// <summary>The node's own tiers only (memory, then disk), never the next source: what this node holds itself.</summary>
internal sealed class LocalTierSource(TieredBlockStore store) : IBlockSource
{
    public async ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        if (store.Memory is { } memory && await memory.GetAsync(cid, cancellationToken).ConfigureAwait(false) is { } hot)
        {
            return hot;
        }

        return store.Disk is { } disk ? await disk.GetAsync(cid, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// The blocks held here of a pin's DAG (the root only for a direct pin), what is missing and identity CIDs skipped:
    /// what a pin made here sends ahead of itself, and lets go of once the pin is taken elsewhere.
    /// </summary>
    public IAsyncEnumerable<Block> WalkPinAsync(Cid cid, PinMode mode, CancellationToken cancellationToken) =>
        DagWalker.WalkAsync(this, cid, new DagWalkOptions { MaxDepth = mode == PinMode.Recursive ? null : 0, SkipMissing = true, SkipIdentityBlocks = true }, cancellationToken);
}
