using System.Diagnostics;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// An intrusive doubly linked list of <see cref="LruNode{TValue}"/>s from most to least recently used, with the sum of their
/// sizes. Every operation is O(1) and allocation-free. Not thread-safe: the owning tier's lock guards it.
/// </summary>
/// <typeparam name="TValue">What the tier keeps per block.</typeparam>
internal sealed class LruList<TValue>
{
    private LruNode<TValue>? _newest;
    private LruNode<TValue>? _oldest;

    /// <summary>Gets the number of linked nodes.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the sum of the sizes of the linked nodes: the bytes eviction can free.</summary>
    public long Bytes { get; private set; }

    /// <summary>Gets the least recently used node, the next to evict, or <see langword="null"/> when empty.</summary>
    public LruNode<TValue>? Oldest => _oldest;

    /// <summary>Links a node that is in no list as the most recently used.</summary>
    public void AddNewest(LruNode<TValue> node)
    {
        Debug.Assert(node.Newer is null && node.Older is null && node != _newest, "The node is already linked.");
        node.Older = _newest;
        if (_newest is null)
        {
            _oldest = node;
        }
        else
        {
            _newest.Newer = node;
        }

        _newest = node;
        Count++;
        Bytes += node.Size;
    }

    /// <summary>Unlinks a node of this list.</summary>
    public void Remove(LruNode<TValue> node)
    {
        if (node.Newer is null)
        {
            Debug.Assert(node == _newest, "The node is not in this list.");
            _newest = node.Older;
        }
        else
        {
            node.Newer.Older = node.Older;
        }

        if (node.Older is null)
        {
            Debug.Assert(node == _oldest, "The node is not in this list.");
            _oldest = node.Newer;
        }
        else
        {
            node.Older.Newer = node.Newer;
        }

        node.Newer = null;
        node.Older = null;
        Count--;
        Bytes -= node.Size;
    }

    /// <summary>Makes a node of this list the most recently used.</summary>
    public void MoveToNewest(LruNode<TValue> node)
    {
        if (node != _newest)
        {
            Remove(node);
            AddNewest(node);
        }
    }
}
