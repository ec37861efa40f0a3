using System.Text.Json.Serialization;

namespace IpfsKit.Sharding.Internal;

/// <summary>Source-generated JSON for plans and topologies (camelCase, CIDs as strings, topology nodes tagged by "kind").</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true)]
[JsonSerializable(typeof(ShardPlan))]
[JsonSerializable(typeof(TopologyNode))]
[JsonSerializable(typeof(ShardingOptions))]
internal sealed partial class ShardingJsonContext : JsonSerializerContext
{
}
