using System.Runtime.CompilerServices;
using IpfsKit.Content;
using IpfsKit.Diagnostics.Internal;
using IpfsKit.Errors;

namespace IpfsKit.Transports.Embedded;

/// <content>Garbage collection of the blocks no pin holds.</content>
public sealed partial class EmbeddedTransport
{
    /// <inheritdoc/>
    /// <remarks>
    /// <para>
    /// Deletes every block of the store of record (the disk tier, else the memory tier) that no pin holds and that is not
    /// marked never-evict (an add in progress marks the blocks it writes), then the memory tier's copies of blocks the
    /// store of record no longer has. Pins wait while it runs (it holds the pinset's gate until the enumeration ends or
    /// is disposed); adds and block puts do not, and a block marked before it is deleted is kept: the mark is checked
    /// and the block deleted in one step inside the tier.
    /// </para>
    /// <para>Counts <c>ipfskit.storage.gc.blocks</c> and <c>ipfskit.storage.gc.bytes</c> as it goes.</para>
    /// </remarks>
    /// <exception cref="IpfsKitStorageException">A block file cannot be deleted; what was removed before stays removed.</exception>
    public async IAsyncEnumerable<Cid> CollectGarbageAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var metrics = Options.Metrics ?? IpfsKitMetrics.Shared;
        metrics.GcRuns.Add(1);
        await foreach (var (cid, bytes) in _pins.CollectAsync(cancellationToken).ConfigureAwait(false))
        {
            metrics.GcBlocks.Add(1);
            metrics.GcBytes.Add(bytes);
            yield return cid;
        }
    }
}
