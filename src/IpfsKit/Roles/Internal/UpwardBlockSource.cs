using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination.Internal;

namespace IpfsKit.Roles.Internal;

/// <summary>
/// Reads a missing block from this node's master (up), except in a down-only scope (<see cref="ReadScope"/>): a call
/// that came from the master must not be sent back to it, nor while <paramref name="isOpen"/> says no (an edge leecher
/// outside its sync windows reads only from its cache). Every block is verified by the store that caches it.
/// </summary>
internal sealed class UpwardBlockSource(IBlockSource master, Func<bool>? isOpen = null) : IBlockSource
{
    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
        ReadScope.IsDownOnly || isOpen?.Invoke() == false ? ValueTask.FromResult<Block?>(null) : master.GetAsync(cid, cancellationToken);
}
