using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpfsKit.Roles.Coordination.Internal;

/// <summary>Source-generated JSON of the coordination records (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(WorkerJoinRequest))]
[JsonSerializable(typeof(WorkerJoinReply))]
[JsonSerializable(typeof(WorkerHeartbeat))]
[JsonSerializable(typeof(WorkerLeaveRequest))]
[JsonSerializable(typeof(WorkerInfo))]
[JsonSerializable(typeof(IReadOnlyList<WorkerInfo>))]
[JsonSerializable(typeof(ForwardedOperation))]
[JsonSerializable(typeof(ForwardedOperationReply))]
[JsonSerializable(typeof(MasterPinInfo))]
[JsonSerializable(typeof(IReadOnlyList<MasterPinInfo>))]
[JsonSerializable(typeof(PinOptions))]
internal sealed partial class CoordinationJsonContext : JsonSerializerContext
{
}
