namespace IpfsKit.Sharding.Internal;

/// <summary>The minimal cover of a leaf range: recursive pins for the subtrees inside it, direct pins for the nodes on its border.</summary>
internal sealed partial class FlatDag
{
    /// <summary>Appends the minimal cover of [a, b) to <paramref name="pins"/>.</summary>
    public void Cover(int a, int b, List<ShardPin> pins)
    {
        if (a >= b)
        {
            return;
        }

        if (_occCid.Count == 0)
        {
            pins.Add(new ShardPin(LeafCids[0], Recursive: true));
            return;
        }

        Cover(0, a, b, pins);
    }

    private void Cover(int occ, int a, int b, List<ShardPin> pins)
    {
        if (_occStart[occ] >= a && _occEnd[occ] <= b)
        {
            pins.Add(new ShardPin(_occCid[occ], Recursive: true));
            return;
        }

        pins.Add(new ShardPin(_occCid[occ], Recursive: false));
        var first = _occFirstLink[occ];
        var end = first + _occLinkCount[occ];
        var index = _linkStart.BinarySearch(first, end - first, a, null);
        var link = index >= 0 ? index : Math.Max(first, ~index - 1);
        while (link > first && _linkStart[link - 1] == _linkStart[link])
        {
            link--;
        }

        for (; link < end && _linkStart[link] < b; link++)
        {
            var reference = _linkRef[link];
            if (reference < 0)
            {
                var leaf = ~reference;
                if (leaf >= a)
                {
                    pins.Add(new ShardPin(LeafCids[leaf], Recursive: true));
                }
            }
            else if (_occEnd[reference] > a)
            {
                Cover(reference, a, b, pins);
            }
        }
    }
}
