using IpfsKit.Blocks;
using IpfsKit.Content.Car.Internal;
using IpfsKit.Errors;

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
    /// whose links are not followed (the walk of <see cref="DagWalker"/>). A block with an identity multihash is written from
    /// the bytes inside its CID, never fetched. Blocks are fetched one at a time and written as they arrive; on failure the
    /// destination holds a truncated CAR.
    /// </remarks>
    /// <param name="source">Where the blocks are.</param>
    /// <param name="root">The DAG's root.</param>
    /// <param name="destination">Where the CAR goes; not disposed.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of blocks written.</returns>
    /// <exception cref="ArgumentException"><paramref name="root"/> is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block of the DAG is not in <paramref name="source"/>.</exception>
    /// <exception cref="IpfsKitFormatException">A dag-pb block of the DAG cannot be decoded.</exception>
    public static Task<long> WriteDagAsync(IBlockSource source, Cid root, Stream destination, CancellationToken cancellationToken) =>
        WriteDagAsync(source, root, destination, CarExportOptions.Default, cancellationToken);

    /// <summary>
    /// Writes a CARv1 of <paramref name="options"/>' prefix blocks, then the blocks below <paramref name="root"/> that
    /// its scope and byte range select, in the same order as <see cref="WriteDagAsync(IBlockSource, Cid, Stream, CancellationToken)"/>
    /// (depth-first, parents first, link order, each block once): what a trustless gateway answers
    /// (<c>order=dfs; dups=n</c>).
    /// </summary>
    /// <param name="source">Where the blocks are.</param>
    /// <param name="root">The DAG's root (the entity at the end of a path).</param>
    /// <param name="destination">Where the CAR goes; not disposed.</param>
    /// <param name="options">
    /// The scope, byte range, prefix, header roots and identity handling. <value>The default value is <see langword="null"/>:
    /// <see cref="CarExportOptions.Default"/>, the whole DAG under <paramref name="root"/>.</value>
    /// </param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of blocks written.</returns>
    /// <exception cref="ArgumentException"><paramref name="root"/> is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block of the DAG is not in <paramref name="source"/>.</exception>
    /// <exception cref="IpfsKitFormatException">A dag-pb block of the DAG cannot be decoded.</exception>
    public static async Task<long> WriteDagAsync(IBlockSource source, Cid root, Stream destination, CarExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= CarExportOptions.Default;
        if (root.IsEmpty)
        {
            throw new ArgumentException("The root CID is empty (default).", nameof(root));
        }

        var writer = await CarWriter.CreateAsync(destination, options.Roots ?? [root], cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var prefixed = new HashSet<Cid>();
            long written = 0;
            foreach (var block in options.Prefix)
            {
                if (prefixed.Add(block.Cid) && !(options.SkipIdentityBlocks && block.Cid.HashCode == Multicodec.Identity))
                {
                    await writer.WriteAsync(block, cancellationToken).ConfigureAwait(false);
                    written++;
                }
            }

            var scope = options.EntityBytes is null ? options.Scope : CarDagScope.Entity;
            (long First, long Last)? range = null;
            var atRoot = true;
            DagLinkSelector<long> follow = (block, offset) =>
            {
                if (atRoot && options.EntityBytes is { } bytes && CarScopeLinks.FileLength(block) is { } length)
                {
                    // A range with no byte of the file: the root alone lets a client see why (its blocksizes).
                    range = bytes.Resolve(length);
                    scope = range is null ? CarDagScope.Block : scope;
                }

                atRoot = false;
                return CarScopeLinks.Follow(block, scope, range, offset);
            };

            var walk = new DagWalkOptions { SkipIdentityBlocks = options.SkipIdentityBlocks };
            await foreach (var block in DagWalker.WalkAsync(source, [(root, 0L)], follow, walk, cancellationToken).ConfigureAwait(false))
            {
                if (!prefixed.Contains(block.Cid)) // the root may be a prefix block: written there, walked here
                {
                    await writer.WriteAsync(block, cancellationToken).ConfigureAwait(false);
                    written++;
                }
            }

            return written;
        }
    }

    /// <summary>
    /// Writes a CARv1 whose header lists every one of <paramref name="roots"/> (none is allowed: an empty CAR) and whose
    /// sections are the blocks of their DAGs, root after root in the given order, each block once even when several DAGs
    /// share it (the walk of <see cref="DagWalker"/>: depth-first, parents first, link order).
    /// </summary>
    /// <param name="source">Where the blocks are.</param>
    /// <param name="roots">The roots, in header and walk order; a repeated root is listed once.</param>
    /// <param name="destination">Where the CAR goes; not disposed.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of blocks written.</returns>
    /// <exception cref="ArgumentException">A root is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block of a DAG is not in <paramref name="source"/>; the destination holds a truncated CAR.</exception>
    /// <exception cref="IpfsKitFormatException">A dag-pb block of a DAG cannot be decoded.</exception>
    public static async Task<long> WriteDagsAsync(IBlockSource source, IReadOnlyList<Cid> roots, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.Any(r => r.IsEmpty))
        {
            throw new ArgumentException("A root CID is empty (default).", nameof(roots));
        }

        var distinct = roots.Distinct().ToList();
        var writer = await CarWriter.CreateAsync(destination, distinct, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            long written = 0;
            await foreach (var block in DagWalker.WalkAsync(source, distinct, DagWalkOptions.Default, cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(block, cancellationToken).ConfigureAwait(false);
                written++;
            }

            return written;
        }
    }
}
