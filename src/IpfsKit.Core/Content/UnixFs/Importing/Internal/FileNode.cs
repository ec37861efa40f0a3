using IpfsKit.Content.DagPb;

namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>An internal node of a file DAG being filled: UnixFS File with blocksizes, links named "" as Kubo writes them.</summary>
internal sealed class FileNode
{
    private readonly List<DagLink> _children = [];

    public int Count => _children.Count;

    public void Add(DagLink child) => _children.Add(child);

    public async ValueTask<DagLink> CommitAsync(BlockSink sink, CancellationToken cancellationToken)
    {
        ulong fileSize = 0, tsize = 0;
        var links = new DagPbLink[_children.Count];
        var sizes = new ulong[_children.Count];
        for (var i = 0; i < _children.Count; i++)
        {
            var child = _children[i];
            links[i] = new DagPbLink(child.Cid, string.Empty, child.Tsize);
            sizes[i] = child.ContentSize;
            fileSize += child.ContentSize;
            tsize += child.Tsize;
        }

        var unixFs = UnixFsCodec.Encode(new UnixFsData { Type = UnixFsType.File, FileSize = fileSize, BlockSizes = sizes });
        var bytes = DagPbCodec.Encode(new DagPbNode(links, unixFs));
        var cid = await sink.PutAsync(Multicodec.DagPb, bytes, sink.CidVersion, cancellationToken).ConfigureAwait(false);
        return new DagLink(cid, fileSize, tsize + (ulong)bytes.Length);
    }
}
