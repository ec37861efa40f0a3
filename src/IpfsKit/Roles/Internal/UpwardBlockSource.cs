using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Roles.Internal;

/// <summary>
/// Reads a missing block from this node's master (up), except in a down-only scope (<see cref="ReadScope"/>): a call
/// that came from the master must not be sent back to it. Every block is verified by the store that caches it.
/// </summary>
internal sealed class UpwardBlockSource(IBlockSource master) : IBlockSource
{
    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
        ReadScope.IsDownOnly ? ValueTask.FromResult<Block?>(null) : master.GetAsync(cid, cancellationToken);
}
