namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>
/// Kubo's balanced layout: a one-chunk file is its leaf; otherwise the tree grows a level each time it is full,
/// filling left to right with at most <c>maxLinks</c> links per node. Depth-first, so memory is one node per level.
/// </summary>
internal static class BalancedLayout
{
    public static async ValueTask<DagLink> BuildAsync(LeafSource leaves, BlockSink sink, int maxLinks, CancellationToken cancellationToken)
    {
        if (await leaves.IsDoneAsync().ConfigureAwait(false))
        {
            return await leaves.EmptyLeafAsync(UnixFsType.File).ConfigureAwait(false);
        }

        var root = await leaves.NextAsync().ConfigureAwait(false);
        for (var depth = 1; !await leaves.IsDoneAsync().ConfigureAwait(false); depth++)
        {
            var node = new FileNode();
            node.Add(root);
            root = await FillAsync(node, depth, leaves, sink, maxLinks, cancellationToken).ConfigureAwait(false);
        }

        return root;
    }

    private static async ValueTask<DagLink> FillAsync(FileNode node, int depth, LeafSource leaves, BlockSink sink, int maxLinks, CancellationToken cancellationToken)
    {
        while (node.Count < maxLinks && !await leaves.IsDoneAsync().ConfigureAwait(false))
        {
            var child = depth == 1
                ? await leaves.NextAsync().ConfigureAwait(false)
                : await FillAsync(new FileNode(), depth - 1, leaves, sink, maxLinks, cancellationToken).ConfigureAwait(false);
            node.Add(child);
        }

        return await node.CommitAsync(sink, cancellationToken).ConfigureAwait(false);
    }
}
