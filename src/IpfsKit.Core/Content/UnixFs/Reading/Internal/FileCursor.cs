using IpfsKit.Blocks;

namespace IpfsKit.Content.UnixFs.Reading.Internal;

/// <summary>
/// The engine of <see cref="UnixFsFileStream"/>: the cached root-to-leaf path of decoded nodes, the descent by
/// blocksizes that finds the node holding a position, the checks of every child against its parent, the bounded
/// read-ahead of a leaf's next siblings, and the last <see cref="MaxRememberedInteriorNodes"/> interior nodes that left
/// the path (so seeking back and forth across subtrees fetches and decodes each interior node once, not once a seek).
/// </summary>
/// <remarks>Owned by one stream; not thread-safe.</remarks>
internal sealed class FileCursor : IDisposable
{
    private readonly IBlockSource _source;
    private readonly List<ReadFrame> _path = [];
    private readonly int _readAhead;
    private readonly CancellationTokenSource? _readAheadCancellation;
    private readonly Dictionary<Cid, UnixFsNode> _interior = [];
    private readonly Queue<Cid> _interiorOrder = new();
    private int _pendingReadAhead;

    /// <summary>
    /// The most interior nodes remembered after they leave the path: 64 covers every node above the leaves of a file of
    /// about 2.7 GiB with Kubo's defaults (174 leaves of 256 KiB a node), for about 2 MiB of decoded nodes at most.
    /// </summary>
    internal const int MaxRememberedInteriorNodes = 64;

    public FileCursor(IBlockSource source, UnixFsNode root, int readAheadBlocks)
    {
        _source = source;
        _readAhead = readAheadBlocks;
        _readAheadCancellation = readAheadBlocks > 0 ? new CancellationTokenSource() : null;
        _path.Add(new ReadFrame(root, 0));
    }

    /// <summary>Cancels the read-ahead in flight and lets go of the cached nodes.</summary>
    public void Dispose()
    {
        _readAheadCancellation?.Cancel();
        foreach (var frame in _path)
        {
            frame.DropAll();
        }

        _path.Clear();
        _interior.Clear();
        _interiorOrder.Clear();
        _pendingReadAhead = 0;
        _readAheadCancellation?.Dispose();
    }

    /// <summary>
    /// Returns the bytes held by one node from <paramref name="position"/> to the end of that node's own bytes, fetching
    /// the nodes between the deepest cached one that covers the position and the node that holds it. The position must
    /// be before the end of the file.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> GetSegmentAsync(long position, CancellationToken cancellationToken)
    {
        // Climb back up the cached path to the deepest node that still covers the position (the root always does).
        while (_path.Count > 1 && !_path[^1].Covers(position))
        {
            _pendingReadAhead -= _path[^1].DropAll();
            Remember(_path[^1].Node);
            _path.RemoveAt(_path.Count - 1);
        }

        while (true)
        {
            var frame = _path[^1];
            var node = frame.Node;
            var local = position - frame.Start;
            if (local < node.InlineData.Length)
            {
                return node.InlineData[(int)local..];
            }

            var index = node.FindChild(local);
            var child = await LoadChildAsync(frame, index, cancellationToken).ConfigureAwait(false);
            if (!child.IsFile)
            {
                throw UnixFsErrors.Format($"file {node.Cid} links to {child.Cid}, which is {UnixFsErrors.Describe(child.Kind)}, not file data");
            }

            if (child.ContentSize != node.ChildSize(index))
            {
                throw UnixFsErrors.Format(
                    $"{child.Cid} holds {child.ContentSize} bytes, but its parent {node.Cid} records a blocksize of {node.ChildSize(index)} for link {index}");
            }

            _path.Add(new ReadFrame(child, frame.Start + node.ChildStart(index)));
            if (child.Links.Count == 0)
            {
                StartReadAhead(frame, index);
            }
        }
    }

    private async ValueTask<UnixFsNode> LoadChildAsync(ReadFrame frame, int index, CancellationToken cancellationToken)
    {
        if (frame.Take(index, out var removed) is { } prefetched)
        {
            _pendingReadAhead -= removed;

            // If the caller cancels the wait, the fetch runs on: observe its end so a failure goes nowhere.
            ReadFrame.Forget(prefetched);
            return await prefetched.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _pendingReadAhead -= removed;
        var cid = frame.Node.Links[index].Hash;
        return _interior.TryGetValue(cid, out var remembered)
            ? remembered
            : await UnixFsNode.LoadAsync(_source, cid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps an interior node that leaves the path, forgetting the oldest beyond the bound.</summary>
    private void Remember(UnixFsNode node)
    {
        if (node.Links.Count == 0 || !_interior.TryAdd(node.Cid, node))
        {
            return;
        }

        _interiorOrder.Enqueue(node.Cid);
        if (_interiorOrder.Count > MaxRememberedInteriorNodes)
        {
            _interior.Remove(_interiorOrder.Dequeue());
        }
    }

    /// <summary>A leaf under <paramref name="parent"/> was reached: fetch its next siblings in the background, within the bound.</summary>
    private void StartReadAhead(ReadFrame parent, int leafIndex)
    {
        if (_readAheadCancellation is null)
        {
            return;
        }

        var node = parent.Node;
        var next = Math.Max(parent.NextReadAhead, leafIndex + 1);
        for (; next < node.Links.Count && _pendingReadAhead < _readAhead; next++)
        {
            // A child of size 0 is never read, so never fetched.
            if (node.ChildSize(next) > 0)
            {
                parent.Enqueue(next, UnixFsNode.LoadAsync(_source, node.Links[next].Hash, _readAheadCancellation.Token).AsTask());
                _pendingReadAhead++;
            }
        }

        parent.NextReadAhead = next;
    }
}
