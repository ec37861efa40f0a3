using System.Text.Json.Serialization;

namespace IpfsKit.Transports.KuboRpc.Internal;

/// <summary>Source-generated serialization of the Kubo RPC answers (no reflection).</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(KuboError))]
[JsonSerializable(typeof(KuboAddLine))]
[JsonSerializable(typeof(KuboLsResponse))]
[JsonSerializable(typeof(KuboBlockKey))]
[JsonSerializable(typeof(KuboPinLsLine))]
[JsonSerializable(typeof(KuboPubSubMessage))]
[JsonSerializable(typeof(KuboId))]
[JsonSerializable(typeof(KuboRepoStat))]
[JsonSerializable(typeof(KuboGcLine))]
[JsonSerializable(typeof(KuboStrings))]
[JsonSerializable(typeof(KuboSwarmPeers))]
internal sealed partial class KuboJsonContext : JsonSerializerContext
{
}
