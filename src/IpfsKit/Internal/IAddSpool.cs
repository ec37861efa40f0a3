using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Transports.Embedded.Internal;

namespace IpfsKit.Internal;

/// <summary>
/// One admitted add: the store it imports through (whose writes wait while the spool is full, and whose complete
/// subtrees may be placed on the cluster while it runs), and its end. Disposing it without a completion (a failed or
/// cancelled add) releases what was placed for it.
/// </summary>
internal interface IAddSpool : IAsyncDisposable
{
    /// <summary>The store the importer writes to, over the add's import session.</summary>
    IBlockStore Through(ImportSession session);

    /// <summary>
    /// Ends a succeeded add whose roots are to be pinned. When parts of it were placed while it ran, the spool pins the
    /// roots on the cluster itself (their plans adopt those parts) and returns <see langword="true"/>: the caller then
    /// pins nothing on the local node (it no longer holds every leaf). Else it returns <see langword="false"/>.
    /// </summary>
    Task<bool> CompleteAsync(IReadOnlyList<Cid> roots, CancellationToken cancellationToken);
}
