using System.Runtime.CompilerServices;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Errors;

namespace IpfsKit.Blocks;

/// <summary>
/// The one walk of a DAG over an <see cref="IBlockSource"/>: depth-first, each parent before its children, children in
/// link order, roots in the order given, each distinct block once (the first time it is reached).
/// </summary>
/// <remarks>
/// <para>dag-pb links are followed; raw blocks are leaves, and so are blocks of other codecs (dag-cbor, dag-json, …),
/// whose links are not followed. A block whose CID has an identity multihash is never fetched: it is built from the
/// bytes inside its CID (and left out of the output with <see cref="DagWalkOptions.SkipIdentityBlocks"/>).</para>
/// <para>Memory: blocks are fetched one at a time and not kept. What the walk holds is the set of CIDs already reached
/// (one CID per distinct block, never its bytes: what "each block once" needs) and the links still to visit, at most the
/// links of the nodes on the current path (depth × widest fan-out), so a wide level costs its links, not its blocks.</para>
/// <para>The methods are thread-safe; each enumeration is a walk of its own.</para>
/// </remarks>
public static class DagWalker
{
    /// <summary>Walks the DAG under <paramref name="root"/>.</summary>
    /// <param name="source">Where the blocks are.</param>
    /// <param name="root">The DAG's root.</param>
    /// <param name="options">Depth, missing-block and identity handling; <see langword="null"/> for <see cref="DagWalkOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The blocks, in walk order.</returns>
    /// <exception cref="ArgumentException"><paramref name="root"/> is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block is missing and <see cref="DagWalkOptions.SkipMissing"/> is off.</exception>
    /// <exception cref="IpfsKitFormatException">A dag-pb block cannot be decoded.</exception>
    public static IAsyncEnumerable<Block> WalkAsync(IBlockSource source, Cid root, DagWalkOptions? options, CancellationToken cancellationToken) =>
        WalkAsync(source, [root], options, cancellationToken);

    /// <summary>Walks the DAGs under each of <paramref name="roots"/> in turn; a block shared by several is yielded once.</summary>
    /// <param name="source">Where the blocks are.</param>
    /// <param name="roots">The roots, walked in this order.</param>
    /// <param name="options">Depth, missing-block and identity handling; <see langword="null"/> for <see cref="DagWalkOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The blocks, in walk order.</returns>
    /// <exception cref="ArgumentException">A root is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block is missing and <see cref="DagWalkOptions.SkipMissing"/> is off.</exception>
    /// <exception cref="IpfsKitFormatException">A dag-pb block cannot be decoded.</exception>
    public static IAsyncEnumerable<Block> WalkAsync(IBlockSource source, IEnumerable<Cid> roots, DagWalkOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roots);
        return WalkAsync(source, roots.Select(r => (r, 0)), DagPbLinks, options, cancellationToken);
    }

    /// <summary>Walks the DAGs under <paramref name="roots"/>, following the links that <paramref name="links"/> chooses.</summary>
    /// <typeparam name="TState">What the walk carries from a parent to each child.</typeparam>
    /// <param name="source">Where the blocks are.</param>
    /// <param name="roots">The roots with their states, walked in this order.</param>
    /// <param name="links">Chooses the links of a reached block to follow (not called beyond <see cref="DagWalkOptions.MaxDepth"/>).</param>
    /// <param name="options">Depth, missing-block and identity handling; <see langword="null"/> for <see cref="DagWalkOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The blocks, in walk order.</returns>
    /// <exception cref="ArgumentException">A root is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block is missing and <see cref="DagWalkOptions.SkipMissing"/> is off.</exception>
    /// <exception cref="IpfsKitFormatException">A dag-pb block cannot be decoded.</exception>
    public static async IAsyncEnumerable<Block> WalkAsync<TState>(IBlockSource source, IEnumerable<(Cid Cid, TState State)> roots, DagLinkSelector<TState> links, DagWalkOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (_, block) in VisitAsync(source, roots, links, options ?? DagWalkOptions.Default, null, cancellationToken).ConfigureAwait(false))
        {
            yield return block!;
        }
    }

    /// <summary>
    /// Lists the CIDs of the DAG under <paramref name="root"/> in walk order; a block without links to follow (not dag-pb)
    /// is only checked for presence in <paramref name="store"/>, not read.
    /// </summary>
    /// <param name="store">Where the blocks are.</param>
    /// <param name="root">The DAG's root.</param>
    /// <param name="options">Depth, missing-block and identity handling; <see langword="null"/> for <see cref="DagWalkOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The CIDs, in walk order.</returns>
    /// <exception cref="ArgumentException"><paramref name="root"/> is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block is missing and <see cref="DagWalkOptions.SkipMissing"/> is off.</exception>
    /// <exception cref="IpfsKitFormatException">A dag-pb block cannot be decoded.</exception>
    public static async IAsyncEnumerable<Cid> ListAsync(IBlockStore store, Cid root, DagWalkOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await foreach (var (cid, _) in VisitAsync(store, [(root, 0)], DagPbLinks, options ?? DagWalkOptions.Default, store, cancellationToken).ConfigureAwait(false))
        {
            yield return cid;
        }
    }

    /// <summary>The links of a dag-pb block, in link order; none for any other codec.</summary>
    private static IReadOnlyList<(Cid Cid, int State)> DagPbLinks(Block block, int state) =>
        block.Cid.Codec == Multicodec.DagPb ? DagPbCodec.Decode(block.Data).Links.Select(l => (l.Hash, 0)).ToList() : [];

    /// <summary>The walk: each reached block with its CID, or the CID alone for a leaf only probed in <paramref name="probe"/>.</summary>
    private static async IAsyncEnumerable<(Cid Cid, Block? Block)> VisitAsync<TState>(IBlockSource source, IEnumerable<(Cid Cid, TState State)> roots, DagLinkSelector<TState> links, DagWalkOptions options, IBlockStore? probe, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(links);
        var pending = new Stack<(Cid Cid, TState State, int Depth)>();
        foreach (var (cid, state) in roots.Reverse())
        {
            pending.Push(cid.IsEmpty ? throw new ArgumentException("A root CID is empty (default).", nameof(roots)) : (cid, state, 0));
        }

        var seen = new HashSet<Cid>();
        var maxDepth = options.MaxDepth ?? int.MaxValue;
        while (pending.TryPop(out var next))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (cid, state, depth) = next;
            if (!seen.Add(cid))
            {
                continue;
            }

            var identity = cid.HashCode == Multicodec.Identity;
            if (probe is not null && !identity && cid.Codec != Multicodec.DagPb)
            {
                if (await probe.HasAsync(cid, cancellationToken).ConfigureAwait(false))
                {
                    yield return (cid, null);
                }
                else if (!options.SkipMissing)
                {
                    throw new IpfsKitBlockNotFoundException(cid);
                }

                continue;
            }

            var block = identity ? Block.CreateVerified(cid, cid.Hash.Digest) : await source.GetAsync(cid, cancellationToken).ConfigureAwait(false);
            if (block is null)
            {
                if (options.SkipMissing)
                {
                    continue;
                }

                throw new IpfsKitBlockNotFoundException(cid);
            }

            if (!(identity && options.SkipIdentityBlocks))
            {
                yield return (cid, block);
            }

            if (depth < maxDepth)
            {
                var children = links(block, state);
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    pending.Push((children[i].Cid, children[i].State, depth + 1)); // reversed: the first link is popped first
                }
            }
        }
    }
}
