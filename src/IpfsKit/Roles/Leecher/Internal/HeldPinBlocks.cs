using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>What a queued pin sends ahead of itself: the blocks of its DAG this node holds.</summary>
internal static class HeldPinBlocks
{
    /// <summary>
    /// The blocks held in <paramref name="held"/> of a pin's DAG (the root only for a direct pin), what is missing and
    /// identity CIDs skipped: what a pin made here sends ahead of itself, and lets go of once the pin is taken elsewhere.
    /// </summary>
    public static IAsyncEnumerable<Block> WalkPinAsync(this IBlockSource held, Cid cid, PinMode mode, CancellationToken cancellationToken) =>
        DagWalker.WalkAsync(held, cid, new DagWalkOptions { MaxDepth = mode == PinMode.Recursive ? null : 0, SkipMissing = true, SkipIdentityBlocks = true }, cancellationToken);
}
