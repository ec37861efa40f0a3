using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Benchmarks;

/// <summary>
/// A block store that keeps nothing but counts, like a store that writes blocks out or forwards them within the call.
/// The importer still makes its put calls; leaves arrive lent (<see cref="IBlockStore.PutLentAsync"/>) from its pooled
/// chunk buffers and, kept by nobody, are not copied, so memory does not grow with the import and the figures are the
/// import path's, not the GC's or a store's. Thread-safe.
/// </summary>
internal sealed class CountingBlockStore : IBlockStore
{
    private long _blocks;
    private long _bytes;

    public long Blocks => Interlocked.Read(ref _blocks);

    public long Bytes => Interlocked.Read(ref _bytes);

    public ValueTask PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _blocks);
        Interlocked.Add(ref _bytes, block.Size);
        return default;
    }

    public ValueTask PutLentAsync(Block block, CancellationToken cancellationToken = default) => PutAsync(block, cancellationToken);

    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => new((Block?)null);

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => new(false);

    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => new(false);

    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<Cid>();
}
