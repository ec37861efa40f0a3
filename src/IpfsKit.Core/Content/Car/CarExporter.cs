using IpfsKit.Blocks;
using IpfsKit.Content.DagPb;

namespace IpfsKit.Content.Car;

/// <summary>Writes a DAG from a block source to a CAR (as <c>ipfs dag export</c> does).</summary>
public static class CarExporter
{
    /// <summary>
    /// Writes a CARv1 whose only root is <paramref name="root"/> and whose sections are every block reachable from it:
    /// depth-first, each parent before its children and children in link order, each block once (the first time it is
    /// reached).
    /// </summary>
    /// <remarks>
    /// dag-pb links are followed; raw blocks are leaves, and so are blocks of other codecs (dag-cbor, dag-json, …),
    /// whose links are not followed. A block with an identity multihash that the source does not hold is written from
    /// the bytes inside its CID. Blocks are fetched one at a time and written as they arrive; on failure the destination
    /// holds a truncated CAR.
    /// </remarks>
    /// <param name="source">Where the blocks are.</param>
    /// <param name="root">The DAG's root.</param>
    /// <param name="destination">Where the CAR goes; not disposed.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of blocks written.</returns>
    /// <exception cref="ArgumentException"><paramref name="root"/> is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block of the DAG is not in <paramref name="source"/>.</exception>
    /// <exception cref="IpfsKitFormatException">A dag-pb block of the DAG cannot be decoded.</exception>
    public static async Task<long> WriteDagAsync(IBlockSource source, Cid root, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (root.IsEmpty)
        {
            throw new ArgumentException("The root CID is empty (default).", nameof(root));
        }

        var writer = await CarWriter.CreateAsync(destination, [root], cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var seen = new HashSet<Cid>();
            var pending = new Stack<Cid>();
            pending.Push(root);
            long written = 0;
            while (pending.TryPop(out var cid))
            {
                if (!seen.Add(cid))
                {
                    continue;
                }

                var block = await GetBlockAsync(source, cid, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(block, cancellationToken).ConfigureAwait(false);
                written++;
                if (cid.Codec == Multicodec.DagPb)
                {
                    // Pushed in reverse so the first link is popped (and written) first.
                    var links = DagPbCodec.Decode(block.Data).Links;
                    for (var i = links.Count - 1; i >= 0; i--)
                    {
                        pending.Push(links[i].Hash);
                    }
                }
            }

            return written;
        }
    }

    private static async ValueTask<Block> GetBlockAsync(IBlockSource source, Cid cid, CancellationToken cancellationToken)
    {
        var block = await source.GetAsync(cid, cancellationToken).ConfigureAwait(false);
        if (block is not null)
        {
            return block;
        }

        return cid.HashCode == Multicodec.Identity
            ? Block.CreateVerified(cid, cid.Hash.Digest)
            : throw new IpfsKitBlockNotFoundException(cid);
    }
}
