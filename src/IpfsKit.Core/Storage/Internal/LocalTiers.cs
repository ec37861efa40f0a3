using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Storage.Internal;

/// <summary>A store's own tiers only (memory, then disk), never its next source: what the node holds itself.</summary>
internal sealed class LocalTiers(TieredBlockStore store) : IBlockSource
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
