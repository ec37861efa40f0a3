using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Tests.Storage;

/// <summary>
/// The reference model of <see cref="TierModel"/>: the blocks held, the pins, and the unpinned blocks from least to
/// most recently read or written; counts hits, misses and evictions as a tier should.
/// </summary>
internal sealed class TierModelState(long capacity)
{
    private readonly List<Cid> _recency = []; // unpinned held blocks, least recently used first

    public long Capacity { get; } = capacity;

    public Dictionary<Cid, Block> Present { get; } = [];

    public HashSet<Cid> Pins { get; } = [];

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    public long Evictions { get; private set; }

    public long UsedBytes => Present.Values.Sum(b => (long)b.Size);

    public long PinnedPresentBytes => Present.Values.Where(b => Pins.Contains(b.Cid)).Sum(b => (long)b.Size);

    /// <summary>Puts a block that fits: a present one is touched; else least recently used blocks go until it fits.</summary>
    public void Put(Block block)
    {
        if (Present.ContainsKey(block.Cid))
        {
            Touch(block.Cid);
            return;
        }

        while (UsedBytes + block.Size > Capacity)
        {
            Evict(_recency[0]);
        }

        Present.Add(block.Cid, block);
        if (!Pins.Contains(block.Cid))
        {
            _recency.Add(block.Cid);
        }
    }

    public void Evict(Cid cid)
    {
        Present.Remove(cid);
        _recency.Remove(cid);
        Evictions++;
    }

    public Block? Get(Cid cid)
    {
        if (Present.TryGetValue(cid, out var block))
        {
            Hits++;
            Touch(cid);
            return block;
        }

        Misses++;
        return null;
    }

    public bool Delete(Cid cid)
    {
        Pins.Remove(cid);
        _recency.Remove(cid);
        return Present.Remove(cid);
    }

    public bool Pin(Cid cid)
    {
        Pins.Add(cid);
        _recency.Remove(cid);
        return Present.ContainsKey(cid);
    }

    public bool Unpin(Cid cid)
    {
        if (!Pins.Remove(cid))
        {
            return false;
        }

        if (Present.ContainsKey(cid))
        {
            _recency.Add(cid);
        }

        return true;
    }

    private void Touch(Cid cid)
    {
        if (_recency.Remove(cid))
        {
            _recency.Add(cid);
        }
    }
}
