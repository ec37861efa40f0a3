using IpfsKit.Content;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// One entry of a <see cref="BlockIndex{TValue}"/>: a block's CID, size and value (the block itself in the memory tier,
/// nothing in the disk tier), and its links in the <see cref="LruList{TValue}"/>. A pinned node is not linked (its links
/// are <see langword="null"/>), so eviction never has to skip it. Identity matters: a reader that saw a node compares it
/// by reference later to know the block was not replaced meanwhile. Its flags and links are guarded by the owning tier's
/// lock; a reader without the lock reads only <see cref="Cid"/>, <see cref="Size"/> and <see cref="Value"/>.
/// </summary>
/// <typeparam name="TValue">What the tier keeps per block.</typeparam>
internal sealed class LruNode<TValue>(Cid cid, long size, TValue value)
{
    public Cid Cid { get; } = cid;

    /// <summary>Gets the block's size in bytes.</summary>
    public long Size { get; } = size;

    public TValue Value { get; } = value;

    /// <summary>Gets or sets whether the node left its index (a read recorded before is then not replayed).</summary>
    public bool IsRemoved { get; set; }

    /// <summary>Gets or sets whether the node is pinned, and so kept out of the list.</summary>
    public bool IsPinned { get; set; }

    /// <summary>Gets or sets the next more recently used node, or <see langword="null"/> at the head.</summary>
    public LruNode<TValue>? Newer { get; set; }

    /// <summary>Gets or sets the next less recently used node, or <see langword="null"/> at the tail.</summary>
    public LruNode<TValue>? Older { get; set; }
}
