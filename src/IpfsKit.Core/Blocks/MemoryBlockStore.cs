using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IpfsKit.Content;

namespace IpfsKit.Blocks;

/// <summary>
/// An unbounded block store in memory. Good for tests, only-hash style work and small data; the bounded, tiered store
/// is <c>TieredBlockStore</c>.
/// </summary>
/// <remarks>Thread-safe. Blocks are kept by reference; their bytes must not change after they are put.</remarks>
public sealed class MemoryBlockStore : IBlockStore
{
    private readonly ConcurrentDictionary<Cid, Block> _blocks = new();

    /// <summary>Gets the number of blocks held.</summary>
    public int Count => _blocks.Count;

    /// <summary>Gets the total size of the blocks held, in bytes.</summary>
    public long TotalBytes => _blocks.Values.Sum(b => (long)b.Size);

    /// <inheritdoc/>
    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_blocks.TryGetValue(cid, out var block) ? block : null);
    }

    /// <inheritdoc/>
    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_blocks.ContainsKey(cid));
    }

    /// <inheritdoc/>
    public ValueTask PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        cancellationToken.ThrowIfCancellationRequested();
        _blocks.TryAdd(block.Cid, block);
        return default;
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_blocks.TryRemove(cid, out _));
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Cid> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var cid in _blocks.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return cid;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
