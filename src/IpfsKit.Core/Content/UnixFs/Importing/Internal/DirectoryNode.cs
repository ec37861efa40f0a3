using IpfsKit.Content.DagPb;

namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>Encodes a plain UnixFS directory: links sorted by UTF-8 name, Data = UnixFS{Type=Directory}.</summary>
internal static class DirectoryNode
{
    private static readonly byte[] DirectoryData = UnixFsCodec.Encode(new UnixFsData { Type = UnixFsType.Directory });

    /// <summary>The entries as dag-pb links, in the order Kubo writes them.</summary>
    public static DagPbLink[] Links(IReadOnlyList<KeyValuePair<string, DagLink>> entries)
    {
        var links = new DagPbLink[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            links[i] = new DagPbLink(entries[i].Value.Cid, entries[i].Key, entries[i].Value.Tsize);
        }

        Array.Sort(links, (a, b) => Utf8Order.Instance.Compare(a.Name, b.Name));
        return links;
    }

    public static int EncodedLength(IReadOnlyList<KeyValuePair<string, DagLink>> entries) =>
        DagPbCodec.GetEncodedLength(new DagPbNode(Links(entries), DirectoryData));

    public static async ValueTask<DagLink> CommitAsync(IReadOnlyList<KeyValuePair<string, DagLink>> entries, BlockSink sink, CancellationToken cancellationToken)
    {
        var links = Links(entries);
        var bytes = DagPbCodec.Encode(new DagPbNode(links, DirectoryData));
        var cid = await sink.PutAsync(Multicodec.DagPb, bytes, sink.CidVersion, cancellationToken).ConfigureAwait(false);
        ulong content = 0, tsize = (ulong)bytes.Length;
        foreach (var entry in entries)
        {
            content += entry.Value.ContentSize;
            tsize += entry.Value.Tsize;
        }

        return new DagLink(cid, content, tsize);
    }
}
