using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Benchmarks;

/// <summary>
/// A block store that keeps nothing but counts. The importer still makes its put calls and copies each block (the copy
/// a real store needs), but memory does not grow with the import, so the figures are the import path's, not the GC's
/// or a store's. Thread-safe.
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

    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => new((Block?)null);

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => new(false);

    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => new(false);

    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<Cid>();
}
