using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>The blocks of a DAG a source has, each once, root first; a block the source lacks is skipped with its subtree.</summary>
internal static class HeldBlocks
{
    public static async IAsyncEnumerable<Block> WalkAsync(IBlockSource source, Cid root, bool recursive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<Cid>();
        var stack = new Stack<Cid>();
        stack.Push(root);
        while (stack.TryPop(out var cid))
        {
            if (!seen.Add(cid) || await source.GetAsync(cid, cancellationToken).ConfigureAwait(false) is not { } block)
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
