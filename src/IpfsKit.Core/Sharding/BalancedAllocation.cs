namespace IpfsKit.Sharding;

/// <summary>
/// The default <see cref="IAllocationStrategy"/>: a child's weight is its healthy free bytes (like IPFS Cluster's
/// balanced allocator, which prefers the peers with the most free space), and siblings are ordered by name (ordinal),
/// so a target's position in the leaf order does not move when free space changes.
/// </summary>
/// <remarks>Stateless and thread-safe; use <see cref="Instance"/>.</remarks>
public sealed class BalancedAllocation : IAllocationStrategy
{
    private BalancedAllocation()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static BalancedAllocation Instance { get; } = new();

    /// <inheritdoc/>
    public double Weight(TopologyNode child, long childFreeBytes) => Math.Max(0, childFreeBytes);

    /// <inheritdoc/>
    public int Compare(TopologyNode x, TopologyNode y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return string.CompareOrdinal(x.Name, y.Name);
    }
}
