using System.Text.Json;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Coordination.Internal;

namespace IpfsKit.Tests.Roles.Coordination;

/// <summary>
/// A member that is an IPFS Cluster is <see cref="MemberKind.IpfsCluster"/> in code ("Cluster" alone means an IpfsKit
/// cluster) but stays <c>"Cluster"</c> on the wire, so an older <c>ipfs-kit peers</c> or worker still reads it.
/// </summary>
public sealed class MemberKindWireTests
{
    private static WorkerInfo Member(MemberKind kind) =>
        new("m", new Uri("http://127.0.0.1:9094/"), null, 10, 5, 0, WorkerState.Alive, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch) { Kind = kind };

    [Theory]
    [InlineData(MemberKind.Worker, "Worker")]
    [InlineData(MemberKind.Master, "Master")]
    [InlineData(MemberKind.Kubo, "Kubo")]
    [InlineData(MemberKind.IpfsCluster, "Cluster")]
    public void Kind_IsWrittenAndReadByItsWireName(MemberKind kind, string wire)
    {
        var json = JsonSerializer.Serialize(Member(kind), CoordinationJsonContext.Default.WorkerInfo);

        Assert.Contains($"\"kind\":\"{wire}\"", json, StringComparison.Ordinal);
        Assert.Equal(kind, JsonSerializer.Deserialize(json, CoordinationJsonContext.Default.WorkerInfo)!.Kind);
    }
}
