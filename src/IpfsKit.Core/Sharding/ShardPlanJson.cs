using System.Text.Json;
using IpfsKit.Sharding.Internal;

namespace IpfsKit.Sharding;

/// <summary>
/// JSON for plans and topologies: camelCase properties, CIDs as strings, topology nodes tagged by <c>"kind"</c>
/// (<c>"cluster"</c> or <c>"target"</c>). The same plan always serializes to the same text. Thread-safe.
/// </summary>
public static class ShardPlanJson
{
    /// <summary>Writes a plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>Indented JSON.</returns>
    public static string Serialize(ShardPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return JsonSerializer.Serialize(plan, ShardingJsonContext.Default.ShardPlan);
    }

    /// <summary>Reads a plan.</summary>
    /// <param name="json">JSON written by <see cref="Serialize(ShardPlan)"/>.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="JsonException">The text is not a plan.</exception>
    public static ShardPlan Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, ShardingJsonContext.Default.ShardPlan) ?? throw new JsonException("The JSON is null, not a plan.");
    }

    /// <summary>Writes a topology.</summary>
    /// <param name="topology">The topology (a cluster or a single target).</param>
    /// <returns>Indented JSON with a <c>"kind"</c> on every node.</returns>
    public static string SerializeTopology(TopologyNode topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return JsonSerializer.Serialize(topology, ShardingJsonContext.Default.TopologyNode);
    }

    /// <summary>Reads a topology.</summary>
    /// <param name="json">JSON written by <see cref="SerializeTopology(TopologyNode)"/>.</param>
    /// <returns>The topology.</returns>
    /// <exception cref="JsonException">The text is not a topology.</exception>
    public static TopologyNode DeserializeTopology(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, ShardingJsonContext.Default.TopologyNode) ?? throw new JsonException("The JSON is null, not a topology.");
    }
}
