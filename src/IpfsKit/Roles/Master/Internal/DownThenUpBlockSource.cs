using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination.Internal;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// Where a sub-cluster's master reads what it lacks: from its own members first (down, <see cref="MasterBlockSource"/>),
/// then from its parent master (up, not in a call that came from the parent: <see cref="ReadScope"/>),
/// which asks down the member that holds the block, another sub-cluster when a replica is there.
/// </summary>
internal sealed class DownThenUpBlockSource(IBlockSource down, IBlockSource up) : IBlockSource
{
    public async ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
        await down.GetAsync(cid, cancellationToken).ConfigureAwait(false)
        ?? await up.GetAsync(cid, cancellationToken).ConfigureAwait(false);
}
