using IpfsKit.Content;

namespace IpfsKit.Blocks;

/// <summary>
/// Chooses which links of a block a <see cref="DagWalker"/> walk follows, in order, each with the state its subtree is
/// walked with (for instance the content offset of a file's child).
/// </summary>
/// <typeparam name="TState">What the walk carries from a parent to each child.</typeparam>
/// <param name="block">The block just reached.</param>
/// <param name="state">The state it was reached with (a root's is the one given with it).</param>
/// <returns>The links to follow, in the order they are walked.</returns>
public delegate IReadOnlyList<(Cid Cid, TState State)> DagLinkSelector<TState>(Block block, TState state);
