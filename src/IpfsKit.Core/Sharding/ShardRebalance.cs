using IpfsKit.Content;

namespace IpfsKit.Sharding;

/// <summary>
/// What <see cref="ShardPlanner.Rebalance"/> decided: the ranges to move, and the most loaded member's load as a multiple
/// of its fair share before and after (1 is exactly its share).
/// </summary>
/// <param name="Moves">The moves, in the order chosen.</param>
/// <param name="MaxShareBefore">The largest load ÷ fair share over the members before the moves.</param>
/// <param name="MaxShareAfter">The same after the moves.</param>
public sealed record ShardRebalance(IReadOnlyList<ShardMove> Moves, double MaxShareBefore, double MaxShareAfter)
{
    /// <summary>Gets the bytes the moves place on their new members.</summary>
    public long MovedBytes => Moves.Sum(m => m.To.Bytes);
}

/// <summary>
/// One range moved: <paramref name="To"/> is placed on its new member; once it is verified there, <paramref name="From"/>
/// (on its old member) is released, and <paramref name="Kept"/>, when not <see langword="null"/>, is what the old member
/// keeps of it (the range was split).
/// </summary>
/// <param name="Root">The plan's root.</param>
/// <param name="From">The placement in force before, on the old member.</param>
/// <param name="To">The new placement, on the new member (the whole range of <paramref name="From"/>, or its tail).</param>
/// <param name="Kept">The head the old member keeps, or <see langword="null"/> when the whole range moves.</param>
public sealed record ShardMove(Cid Root, ShardPlacement From, ShardPlacement To, ShardPlacement? Kept);
