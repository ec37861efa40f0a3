using IpfsKit.Blocks;
using IpfsKit.Content.DagPb;

namespace IpfsKit.Content.Car;

/// <summary>Writes a DAG to a CAR and reads a CAR into a store.</summary>
public static class CarExporter
{
    /// <summary>
    /// Writes a CAR rooted at <paramref name="root"/> holding every block reachable from it: depth-first, parents before
    /// children, each block once. dag-pb links are followed; raw and other blocks are leaves.
    /// </summary>
    /// <param name="source">Where the blocks are.</param>
    /// <param name="root">The DAG's root.</param>
    /// <param name="destination">Where the CAR goes (not disposed).</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of blocks written.</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">A block of the DAG is missing.</exception>
    public static async Task<long> WriteDagAsync(IBlockSource source, Cid root, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var writer = await CarWriter.CreateAsync(destination, [root], cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<Cid>();
        var pending = new Stack<Cid>();
        pending.Push(root);
        long written = 0;
        while (pending.Count > 0)
        {
            var cid = pending.Pop();
            if (!seen.Add(cid))
            {
                continue;
            }

            var block = await source.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(block, cancellationToken).ConfigureAwait(false);
            written++;
            if (cid.Codec == Multicodec.DagPb)
            {
                var links = DagPbCodec.Decode(block.Data).Links;
                for (var i = links.Count - 1; i >= 0; i--)
                {
                    pending.Push(links[i].Hash);
                }
            }
        }

        return written;
    }

    /// <summary>Reads a CAR and stores each (verified) block.</summary>
    /// <param name="car">The CAR bytes.</param>
    /// <param name="store">Where the blocks go.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>The CAR's roots.</returns>
    /// <exception cref="IpfsKitFormatException">The CAR is malformed.</exception>
    /// <exception cref="IpfsKitIntegrityException">A block does not match its CID; blocks before it are stored.</exception>
    public static async Task<IReadOnlyList<Cid>> ImportAsync(Stream car, IBlockStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var reader = await CarReader.OpenAsync(car, null, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await foreach (var block in reader.ReadBlocksAsync(cancellationToken).ConfigureAwait(false))
            {
                await store.PutAsync(block, cancellationToken).ConfigureAwait(false);
            }

            return reader.Roots;
        }
    }
}
