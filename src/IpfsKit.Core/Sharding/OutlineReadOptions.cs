namespace IpfsKit.Sharding;

/// <summary>How far <see cref="DagOutlineReader"/> expands a DAG: a bounded read stops at subtrees under a granule.</summary>
/// <remarks>
/// A child whose subtree bytes (its link's Tsize, else its UnixFS blocksize) are under <see cref="MinExpandBytes"/> is
/// not read: it becomes a leaf of the outline, which the planner pins recursively as a whole. Pick the granule with
/// <see cref="OutlineGranule.For"/>. While the outline has at most <see cref="LinkThreshold"/> links, the read keeps
/// expanding the children under the granule (breadth first, in link order), so that the planner decides whole or sharded
/// exactly as over a full read.
/// </remarks>
public sealed record OutlineReadOptions
{
    /// <summary>Gets the subtree bytes under which a child is not read (a leaf of the outline); 0 reads every internal node.</summary>
    /// <value>The default value is 0.</value>
    public long MinExpandBytes { get; init; }

    /// <summary>Gets the link count up to which the read expands below the granule; use the planner's <see cref="ShardingOptions.LinkThreshold"/>.</summary>
    /// <value>The default value is 8,000.</value>
    public int LinkThreshold { get; init; } = 8_000;
}
