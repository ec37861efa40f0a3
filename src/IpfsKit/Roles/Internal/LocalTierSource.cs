using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Storage;

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
}
