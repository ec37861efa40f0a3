using System.Runtime.CompilerServices;
using IpfsKit.Content;

namespace IpfsKit.Storage;

/// <content>What the pin markers hold, for a pinset above that reconciles its marks with them.</content>
public sealed partial class DiskBlockTier
{
    /// <inheritdoc/>
    public long PinnedBytes
    {
        get
        {
            lock (_lock)
            {
                return _index.PinnedBytes;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>The CIDs of the <c>.pin</c> markers, as found at open and changed since.</remarks>
    public async IAsyncEnumerable<Cid> EnumeratePinsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Cid[] pins;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            pins = [.. _index.Pins];
        }

        foreach (var cid in pins)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return cid;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
