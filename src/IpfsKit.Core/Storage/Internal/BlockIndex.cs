using IpfsKit.Content;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// The in-memory index of a bounded tier: CID → entry, the pin set, and an intrusive doubly linked list of the
/// evictable (unpinned) entries, least recently used first, so touch, add, remove and evict are O(1).
/// </summary>
/// <remarks>Not thread-safe: the owner holds its lock around every call.</remarks>
internal sealed class BlockIndex
{
    private readonly Dictionary<Cid, LruEntry> _entries = [];
    private readonly HashSet<Cid> _pins = [];
    private LruEntry? _oldest;
    private LruEntry? _newest;

    public int Count => _entries.Count;

    public long UsedBytes { get; private set; }

    public long PinnedBytes { get; private set; }

    /// <summary>Gets the bytes eviction could free: those of the unpinned blocks.</summary>
    public long EvictableBytes => UsedBytes - PinnedBytes;

    /// <summary>Gets the least recently used unpinned entry, or <see langword="null"/>.</summary>
    public LruEntry? Oldest => _oldest;

    public bool Contains(Cid cid) => _entries.ContainsKey(cid);

    public bool TryGet(Cid cid, out LruEntry entry) => _entries.TryGetValue(cid, out entry!);

    /// <summary>Tells whether <paramref name="entry"/> is still the entry of its CID.</summary>
    public bool IsCurrent(LruEntry entry) => _entries.TryGetValue(entry.Cid, out var current) && ReferenceEquals(current, entry);

    public Cid[] Keys() => [.. _entries.Keys];

    public IEnumerable<Cid> Pins => _pins;

    public void Touch(LruEntry entry)
    {
        if (!entry.Pinned && !ReferenceEquals(entry, _newest))
        {
            Unlink(entry);
            Append(entry);
        }
    }

    /// <summary>Adds a block as the most recently used (pinned when its CID is).</summary>
    public LruEntry Add(Cid cid, long length)
    {
        var entry = new LruEntry(cid, length) { Pinned = _pins.Contains(cid) };
        _entries.Add(cid, entry);
        UsedBytes += length;
        if (entry.Pinned)
        {
            PinnedBytes += length;
        }
        else
        {
            Append(entry);
        }

        return entry;
    }

    public void Remove(LruEntry entry)
    {
        _entries.Remove(entry.Cid);
        UsedBytes -= entry.Length;
        if (entry.Pinned)
        {
            PinnedBytes -= entry.Length;
        }
        else
        {
            Unlink(entry);
        }
    }

    public bool IsPinned(Cid cid) => _pins.Contains(cid);

    /// <summary>Pins a CID; returns whether it was not pinned before.</summary>
    public bool Pin(Cid cid)
    {
        if (!_pins.Add(cid))
        {
            return false;
        }

        if (_entries.TryGetValue(cid, out var entry))
        {
            Unlink(entry);
            entry.Pinned = true;
            PinnedBytes += entry.Length;
        }

        return true;
    }

    /// <summary>Unpins a CID (its block becomes the most recently used); returns whether it was pinned.</summary>
    public bool Unpin(Cid cid)
    {
        if (!_pins.Remove(cid))
        {
            return false;
        }

        if (_entries.TryGetValue(cid, out var entry))
        {
            entry.Pinned = false;
            PinnedBytes -= entry.Length;
            Append(entry);
        }

        return true;
    }

    private void Append(LruEntry entry)
    {
        entry.Previous = _newest;
        entry.Next = null;
        if (_newest is null)
        {
            _oldest = entry;
        }
        else
        {
            _newest.Next = entry;
        }

        _newest = entry;
    }

    private void Unlink(LruEntry entry)
    {
        if (entry.Previous is null)
        {
            _oldest = entry.Next;
        }
        else
        {
            entry.Previous.Next = entry.Next;
        }

        if (entry.Next is null)
        {
            _newest = entry.Previous;
        }
        else
        {
            entry.Next.Previous = entry.Previous;
        }

        entry.Previous = null;
        entry.Next = null;
    }
}
