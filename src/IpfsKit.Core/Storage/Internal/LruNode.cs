using IpfsKit.Blocks;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// One entry of the memory tier: the block and its links in the <see cref="LruList"/>. A pinned node is not linked
/// (its links are <see langword="null"/>), so eviction never has to skip it. Guarded by the owning tier's lock.
/// </summary>
internal sealed class LruNode
{
    public LruNode(Block block) => Block = block;

    public Block Block { get; }

    /// <summary>Gets the block's size in bytes.</summary>
    public long Size => Block.Size;

    /// <summary>Gets or sets whether the node is pinned, and so kept out of the list.</summary>
    public bool IsPinned { get; set; }

    /// <summary>Gets or sets the next more recently used node, or <see langword="null"/> at the head.</summary>
    public LruNode? Newer { get; set; }

    /// <summary>Gets or sets the next less recently used node, or <see langword="null"/> at the tail.</summary>
    public LruNode? Older { get; set; }
}
