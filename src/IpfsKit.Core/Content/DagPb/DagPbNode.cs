namespace IpfsKit.Content.DagPb;

/// <summary>A dag-pb node (PBNode): links, then optional data. Immutable.</summary>
public sealed class DagPbNode : IEquatable<DagPbNode>
{
    /// <summary>Creates a node.</summary>
    /// <param name="links">The links, in the order they are encoded.</param>
    /// <param name="data">The data field, or <see langword="null"/> when absent (absent and empty are different bytes).</param>
    public DagPbNode(IReadOnlyList<DagPbLink> links, ReadOnlyMemory<byte>? data)
    {
        ArgumentNullException.ThrowIfNull(links);
        foreach (var link in links)
        {
            if (link.Hash.IsEmpty)
            {
                throw new ArgumentException("Every link needs a CID.", nameof(links));
            }
        }

        Links = links;
        Data = data;
    }

    /// <summary>Gets the links (field 2, repeated).</summary>
    public IReadOnlyList<DagPbLink> Links { get; }

    /// <summary>Gets the data (field 1), or <see langword="null"/> when absent.</summary>
    public ReadOnlyMemory<byte>? Data { get; }

    /// <inheritdoc/>
    public bool Equals(DagPbNode? other)
    {
        if (other is null || Links.Count != other.Links.Count || Data.HasValue != other.Data.HasValue)
        {
            return false;
        }

        if (Data.HasValue && !Data.Value.Span.SequenceEqual(other.Data!.Value.Span))
        {
            return false;
        }

        for (var i = 0; i < Links.Count; i++)
        {
            if (Links[i] != other.Links[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DagPbNode);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Links.Count, Data?.Length ?? -1, Links.Count > 0 ? Links[0].Hash : default);
}
