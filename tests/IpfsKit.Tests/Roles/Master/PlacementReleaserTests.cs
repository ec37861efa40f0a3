using IpfsKit.Blocks;
using IpfsKit.Errors;
using IpfsKit.Roles.Master.Internal;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Tests.Transports.KuboRpc;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IpfsKit.Tests.Roles.Master;

/// <summary>
/// Releasing a removed pin's placement on a Kubo worker (real HTTP to an in-test node): the worker's "not pinned"
/// answer (typed <see cref="RemoteErrorCode.NotPinned"/> by the Kubo error parser) means released before; any other
/// failure keeps the plan for the next pass.
/// </summary>
[Trait("Category", "Roles")]
public sealed class PlacementReleaserTests
{
    [Theory]
    [InlineData("not pinned or pinned indirectly", 1)]
    [InlineData("merkledag: disk failure", 0)]
    public async Task ReleaseAsync_WorkerAnswersAnError_OnlyNotPinnedCountsAsReleased(string message, int released)
    {
        using var node = new FakeKuboNode(_ => FakeKuboNode.Json(500, $$"""{"Message":"{{message}}","Code":0,"Type":"error"}"""));
        using var http = new HttpClient { BaseAddress = node.ApiBase };
        await using var pinset = await MasterPinset.OpenAsync(null, new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        using var executor = await ShardExecutor.OpenAsync();
        var root = Block.Create("a removed pin"u8.ToArray()).Cid;
        await pinset.IngestAsync(root, PinMode.Recursive, "local");
        await pinset.SetPlacedAsync(root, new ShardPlan(root, 1, 10, 1, [new ShardPlacement("w1", 0, 0, 1, 10, [new ShardPin(root, true)])]));
        await pinset.RemoveAsync(root);

        var result = await new PlacementReleaser(pinset, executor, NullLogger.Instance)
            .ReleaseAsync(new Dictionary<string, IIpfsTransport> { ["w1"] = new KuboRpcTransport(http) }, CancellationToken.None);

        Assert.Equal((released, 0), result);
        Assert.Equal(1 - released, (await pinset.ListRetiredAsync()).Count);
        Assert.StartsWith($"/api/v0/pin/rm?arg={root}", node.LastRequest, StringComparison.Ordinal);
    }
}
