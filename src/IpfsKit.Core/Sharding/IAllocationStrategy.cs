namespace IpfsKit.Sharding;

/// <summary>
/// How a cluster weighs and orders its children when it splits a range of a DAG among them, and how targets are
/// chosen for a DAG pinned whole. Implementations must be pure and deterministic (the plan is).
/// </summary>
/// <remarks>The default is <see cref="BalancedAllocation"/>. Implementations are called from one thread at a time per plan.</remarks>
public interface IAllocationStrategy
{
    /// <summary>Gets the weight of a child: its share of the parent's range is proportional to it.</summary>
    /// <param name="child">The child (a <see cref="ClusterNode"/> or a <see cref="TargetNode"/>).</param>
    /// <param name="childFreeBytes">The healthy free bytes left in the child's subtree for this range.</param>
    /// <returns>A weight; zero, negative or NaN means the child gets nothing.</returns>
    double Weight(TopologyNode child, long childFreeBytes);

    /// <summary>Orders two siblings: the children of a cluster take consecutive ranges in this order, and ties go to the first.</summary>
    /// <param name="x">A child.</param>
    /// <param name="y">Another child of the same cluster.</param>
    /// <returns>Negative when <paramref name="x"/> comes first, positive when <paramref name="y"/> does, zero when equal.</returns>
    int Compare(TopologyNode x, TopologyNode y);
}
