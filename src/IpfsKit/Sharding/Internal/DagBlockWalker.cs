using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;

namespace IpfsKit.Sharding.Internal;

/// <summary>
/// The blocks of a DAG, each distinct block once, root first: a recursive walk's whole subtree, a direct one's own block.
/// </summary>
internal static class DagBlockWalker
{
    /// <summary>The blocks a pin needs; a missing block throws <see cref="IpfsKitBlockNotFoundException"/>.</summary>
    public static IAsyncEnumerable<Block> WalkAsync(IBlockSource source, ShardPin pin, CancellationToken cancellationToken) =>
        WalkAsync(source, pin.Cid, pin.Recursive, skipMissing: false, cancellationToken);

    /// <summary>The blocks of the DAG that <paramref name="source"/> has; a block it lacks is skipped with its subtree.</summary>
    public static IAsyncEnumerable<Block> WalkHeldAsync(IBlockSource source, Cid root, bool recursive, CancellationToken cancellationToken) =>
        WalkAsync(source, root, recursive, skipMissing: true, cancellationToken);

    private static async IAsyncEnumerable<Block> WalkAsync(IBlockSource source, Cid root, bool recursive, bool skipMissing, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<Cid>();
        var stack = new Stack<Cid>();
        stack.Push(root);
        while (stack.TryPop(out var cid))
        {
            if (!seen.Add(cid))
            {
                continue;
            }

            var block = skipMissing
                ? await source.GetAsync(cid, cancellationToken).ConfigureAwait(false)
                : await source.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false);
            if (block is null)
            {
                continue;
            }

            yield return block;
            if (recursive && cid.Codec == Multicodec.DagPb)
            {
                var links = DagPbCodec.Decode(block.Data).Links;
                for (var i = links.Count - 1; i >= 0; i--)
                {
                    stack.Push(links[i].Hash);
                }
            }
        }
    }
}
