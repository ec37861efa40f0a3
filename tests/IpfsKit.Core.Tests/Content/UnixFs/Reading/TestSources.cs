using System.Collections.Concurrent;
using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Tests.Content.UnixFs.Reading;

/// <summary>A block source that logs every fetch, to check which blocks a read needed.</summary>
internal sealed class CountingSource(IBlockSource inner) : IBlockSource
{
    private readonly ConcurrentQueue<Cid> _fetched = new();

    /// <summary>Every CID asked for, once per fetch.</summary>
    public IReadOnlyList<Cid> Fetched => _fetched.ToArray();

    public void Clear() => _fetched.Clear();

    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        _fetched.Enqueue(cid);
        return inner.GetAsync(cid, cancellationToken);
    }
}

/// <summary>A block source that fails the test if anything is fetched.</summary>
internal sealed class NoFetchSource : IBlockSource
{
    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"{cid} was fetched, but nothing should be.");
}

/// <summary>A block source that answers with a fixed block whatever is asked (a broken source).</summary>
internal sealed class WrongBlockSource(Block block) : IBlockSource
{
    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => new(block);
}

/// <summary>A block source whose fetches complete later, on the thread pool, like a remote node's.</summary>
internal sealed class DelayedSource(IBlockSource inner) : IBlockSource
{
    public async ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return await inner.GetAsync(cid, cancellationToken);
    }
}
