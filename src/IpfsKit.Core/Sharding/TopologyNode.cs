using System.Text.Json.Serialization;

namespace IpfsKit.Sharding;

/// <summary>
/// A node of the cluster topology: a <see cref="ClusterNode"/> (a cluster of clusters or of targets) or a
/// <see cref="TargetNode"/> (something that pins: a node or an IPFS Cluster). Names are unique among siblings; a
/// target's id is the path of names from the root's child down, joined with <c>/</c> (<c>zone-a/peer-1</c>).
/// </summary>
/// <param name="Name">The node's name.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ClusterNode), "cluster")]
[JsonDerivedType(typeof(TargetNode), "target")]
public abstract record TopologyNode(string Name);

/// <summary>A cluster: its children share its range of a DAG in proportion to their free capacity.</summary>
/// <param name="Name">The cluster's name.</param>
/// <param name="Children">Its sub-clusters and targets.</param>
public sealed record ClusterNode(string Name, IReadOnlyList<TopologyNode> Children) : TopologyNode(Name);

/// <summary>A pin target: a leaf of the topology.</summary>
/// <param name="Name">The target's name (unique among its siblings).</param>
/// <param name="CapacityBytes">Its storage budget in bytes.</param>
/// <param name="FreeBytes">The bytes it can still take.</param>
/// <param name="Healthy">Whether it answers; unhealthy targets are never allocated.</param>
public sealed record TargetNode(string Name, long CapacityBytes, long FreeBytes, bool Healthy = true) : TopologyNode(Name)
{
    /// <summary>Gets tags such as <c>zone</c>, for allocation strategies.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
