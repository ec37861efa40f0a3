namespace IpfsKit.Sharding;

/// <summary>
/// An <see cref="IAllocationStrategy"/> that passes every call to an inner strategy, the base for wrappers that adjust
/// part of it (for example a weight that prefers a tag, or that leaves out draining targets).
/// </summary>
/// <remarks>Thread-safe when the inner strategy is.</remarks>
public abstract class DelegatingAllocationStrategy : IAllocationStrategy
{
    /// <summary>Creates the wrapper.</summary>
    /// <param name="inner">The strategy calls go to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    protected DelegatingAllocationStrategy(IAllocationStrategy inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>Gets the strategy calls go to.</summary>
    protected IAllocationStrategy Inner { get; }

    /// <inheritdoc/>
    public virtual double Weight(TopologyNode child, long childFreeBytes) => Inner.Weight(child, childFreeBytes);

    /// <inheritdoc/>
    public virtual int Compare(TopologyNode x, TopologyNode y) => Inner.Compare(x, y);
}
