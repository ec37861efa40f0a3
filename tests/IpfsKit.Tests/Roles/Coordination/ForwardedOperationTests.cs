using IpfsKit.Blocks;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Leecher;

namespace IpfsKit.Tests.Roles.Coordination;

/// <summary>A forwarded operation carries its sender's device id; the master refuses a malformed one (400, parked).</summary>
[Trait("Category", "Edge")]
public sealed class ForwardedOperationTests
{
    private static readonly OutboxOperation Pin = OutboxOperation.Pin(Block.Create(new byte[] { 7 }).Cid) with { IdempotencyKey = Guid.NewGuid() };

    [Fact]
    public void From_DeviceId_TravelsAndReadsBack()
    {
        var wire = ForwardedOperation.From(Pin, "pi-7");

        Assert.Equal("pi-7", wire.DeviceId);
        Assert.Equal(Pin.IdempotencyKey, wire.ToOperation().IdempotencyKey);
        Assert.Null(ForwardedOperation.From(Pin).DeviceId);
    }

    [Theory]
    [InlineData("pi 7")]
    [InlineData("")]
    [InlineData("a-device-id-of-sixty-five-characters-which-is-one-more-than-64-xy")]
    public void ToOperation_MalformedDeviceId_ThrowsFormatException(string deviceId) =>
        Assert.Throws<IpfsKitFormatException>(() => ForwardedOperation.From(Pin, deviceId).ToOperation());
}
