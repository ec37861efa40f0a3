namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>
/// Kubo's trickle layout: each node first takes up to <c>maxLinks</c> leaves, then, for depth 1, 2, … (up to its own
/// limit), up to <see cref="LayerRepeat"/> subtrees of that depth. The root is never collapsed into its single leaf.
/// </summary>
internal static class TrickleLayout
{
    public const int LayerRepeat = 4;

    public static ValueTask<DagLink> BuildAsync(LeafSource leaves, BlockSink sink, int maxLinks, CancellationToken cancellationToken) =>
        FillAsync(new FileNode(), -1, leaves, sink, maxLinks, cancellationToken);

    private static async ValueTask<DagLink> FillAsync(FileNode node, int maxDepth, LeafSource leaves, BlockSink sink, int maxLinks, CancellationToken cancellationToken)
    {
        while (node.Count < maxLinks && !await leaves.IsDoneAsync().ConfigureAwait(false))
        {
            node.Add(await leaves.NextAsync().ConfigureAwait(false));
        }

        for (var depth = 1; maxDepth == -1 || depth < maxDepth; depth++)
        {
            if (await leaves.IsDoneAsync().ConfigureAwait(false))
            {
                break;
            }

            for (var repeat = 0; repeat < LayerRepeat && !await leaves.IsDoneAsync().ConfigureAwait(false); repeat++)
            {
                node.Add(await FillAsync(new FileNode(), depth, leaves, sink, maxLinks, cancellationToken).ConfigureAwait(false));
            }
        }

        return await node.CommitAsync(sink, cancellationToken).ConfigureAwait(false);
    }
}
