using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;

namespace IpfsKit.Sharding.Internal;

/// <summary>The blocks a pin needs: a recursive pin's whole subtree (each distinct block once), a direct pin's own block.</summary>
internal static class DagBlockWalker
{
    public static async IAsyncEnumerable<Block> WalkAsync(IBlockSource source, ShardPin pin, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<Cid>();
        var stack = new Stack<Cid>();
        stack.Push(pin.Cid);
        while (stack.TryPop(out var cid))
        {
            if (!seen.Add(cid))
            {
                continue;
            }

            var block = await source.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false);
            yield return block;
            if (pin.Recursive && cid.Codec == Multicodec.DagPb)
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
