using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Roles.Leecher.Internal;
using IpfsKit.Storage;

namespace IpfsKit.Roles.Internal;

/// <summary>
/// The store an offline add imports into: each block goes to the cache tiers and is marked never to be evicted there,
/// until the outbox put it on the node (<see cref="OfflineOutboxLink"/> releases it) or the add is abandoned.
/// </summary>
internal sealed class HeldBlockSink(TieredBlockStore cache) : IBlockStore
{
    private readonly List<Cid> _held = [];

    // The local tiers only: the node is unreachable, which is why this add is imported here.
    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => cache.Local.GetAsync(cid, cancellationToken);

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public async ValueTask PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        await cache.PutAsync(block, cancellationToken).ConfigureAwait(false);
        await cache.PinAsync(block.Cid, cancellationToken).ConfigureAwait(false);
        lock (_held)
        {
            _held.Add(block.Cid);
        }
    }

    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => cache.DeleteAsync(cid, cancellationToken);

    public async IAsyncEnumerable<Cid> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }

    /// <summary>Lets the cache evict every block this sink held.</summary>
    public async Task ReleaseAsync()
    {
        Cid[] held;
        lock (_held)
        {
            held = [.. _held];
        }

        foreach (var cid in held)
        {
            await cache.UnpinAsync(cid, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
