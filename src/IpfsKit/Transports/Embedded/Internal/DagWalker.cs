using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;

namespace IpfsKit.Transports.Embedded.Internal;

/// <summary>Lists every block of a DAG from a local store, each once, failing on the first block that is missing.</summary>
/// <remarks>
/// Follows dag-pb links; raw blocks have none and are only checked for presence (not read). Blocks of other codecs
/// (dag-cbor, dag-json) are kept as leaves: their links are not followed. Identity CIDs carry their bytes inline, are not
/// stored and are not listed.
/// </remarks>
internal static class DagWalker
{
    /// <summary>Collects the CIDs of the DAG under <paramref name="root"/>, the root included.</summary>
    /// <exception cref="IpfsKitBlockNotFoundException">A block of the DAG is not in the store.</exception>
    public static async Task<IReadOnlyCollection<Cid>> CollectAsync(IBlockStore store, Cid root, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Cid>();
        var pending = new Stack<Cid>();
        pending.Push(root);
        while (pending.TryPop(out var cid))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (cid.HashCode == Multicodec.Identity || !seen.Add(cid))
            {
                continue;
            }

            if (cid.Codec != Multicodec.DagPb)
            {
                if (!await store.HasAsync(cid, cancellationToken).ConfigureAwait(false))
                {
                    throw new IpfsKitBlockNotFoundException(cid);
                }

                continue;
            }

            var block = await store.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false);
            var links = DagPbCodec.Decode(block.Data).Links;
            for (var i = links.Count - 1; i >= 0; i--)
            {
                pending.Push(links[i].Hash);
            }
        }

        return seen;
    }
}
