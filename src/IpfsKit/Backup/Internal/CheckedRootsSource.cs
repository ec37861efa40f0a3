using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Backup.Internal;

/// <summary>The node's blocks, the roots already read by the check served from it first.</summary>
internal sealed class CheckedRootsSource(IIpfsKit ipfs, BackupRoots roots) : IBlockSource
{
    public async ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
        roots.Take(cid) ?? await ipfs.GetBlockAsync(cid, cancellationToken).ConfigureAwait(false);
}
