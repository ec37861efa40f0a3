using IpfsKit.Content;

namespace IpfsKit.Sharding.Internal;

/// <content>Where a node's leaves lie: the leaf ranges of every place the DAG links it.</content>
internal sealed partial class FlatDag
{
    /// <summary>The leaf ranges [start, end) under each occurrence of <paramref name="cid"/>, as an internal node or as a leaf.</summary>
    public IEnumerable<(int Start, int End)> Spans(Cid cid)
    {
        for (var occ = 0; occ < _occCid.Count; occ++)
        {
            if (_occCid[occ].Equals(cid) && _occEnd[occ] > _occStart[occ])
            {
                yield return (_occStart[occ], _occEnd[occ]);
            }
        }

        for (var leaf = 0; leaf < LeafCids.Length; leaf++)
        {
            if (LeafCids[leaf].Equals(cid))
            {
                yield return (leaf, leaf + 1);
            }
        }
    }
}
