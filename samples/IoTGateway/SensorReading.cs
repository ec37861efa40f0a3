using System.Text.Json.Serialization;

/// <summary>One reading of a (simulated) sensor, as it is stored in IPFS.</summary>
internal sealed record SensorReading(string Sensor, long Sequence, DateTimeOffset Time, double Celsius, double Humidity);

[JsonSerializable(typeof(SensorReading))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class ReadingJson : JsonSerializerContext;
