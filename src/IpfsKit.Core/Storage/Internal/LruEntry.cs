using IpfsKit.Content;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// One indexed block: its CID and length, and its links in the <see cref="BlockIndex"/>'s intrusive LRU list (pinned
/// entries are not in the list). Identity matters: a reader that saw an entry compares it by reference later to know
/// the block was not replaced meanwhile.
/// </summary>
internal sealed class LruEntry(Cid cid, long length)
{
    public Cid Cid { get; } = cid;

    public long Length { get; } = length;

    public bool Pinned { get; set; }

    public LruEntry? Previous { get; set; }

    public LruEntry? Next { get; set; }
}
