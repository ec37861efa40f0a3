using IpfsKit.Errors;
using IpfsKit.Transports;

namespace IpfsKit.Tests.Facade;

[Trait("Category", "Roles")]
public sealed class PinOptionsTests
{
    [Theory]
    [InlineData(3, 2, "replication min 3 is above replication max 2")]
    [InlineData(-1, 3, "replication min -1 is above replication max 3")]
    [InlineData(0, null, "replication min 0 is out of range")]
    [InlineData(null, -2, "replication max -2 is out of range")]
    public void Validate_BadBounds_ThrowsNamingTheValues(int? min, int? max, string message)
    {
        var error = Assert.Throws<IpfsKitPinPolicyException>(() => new PinOptions { ReplicationMin = min, ReplicationMax = max }.Validate());
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((min, max, null), (error.ReplicationMin, error.ReplicationMax, error.MaxMembers));
    }

    [Theory]
    [InlineData(5, null, "replication min 5 is above the 4 members")]
    [InlineData(null, 9, "replication max 9 is above the 4 members")]
    public void Validate_BoundAboveMaxMembers_ThrowsNamingTheValueAndTheCap(int? min, int? max, string message)
    {
        var error = Assert.Throws<IpfsKitPinPolicyException>(() => new PinOptions { ReplicationMin = min, ReplicationMax = max }.Validate(maxMembers: 4));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.MaxMembers);
        new PinOptions { ReplicationMin = 4, ReplicationMax = -1 }.Validate(maxMembers: 4); // the cap itself and -1 (every member) are allowed
    }

    [Theory]
    [InlineData(null, null, 2, 2, 2)]
    [InlineData(1, 3, 2, 1, 3)]
    [InlineData(null, 1, 2, 1, 1)]
    [InlineData(3, null, 2, 3, 3)]
    [InlineData(2, -1, 1, 2, -1)]
    [InlineData(-1, -1, 2, -1, -1)]
    public void Bounds_UnsetFollowTheClusterOrTheOtherBound(int? min, int? max, int replication, int expectedMin, int expectedMax)
    {
        var options = new PinOptions { ReplicationMin = min, ReplicationMax = max };
        options.Validate();
        Assert.Equal((expectedMin, expectedMax), options.GetReplicationBounds(replication));
    }

    [Fact]
    public void IsDefault_OnlyAMode_True_AnyPolicy_False()
    {
        Assert.True(new PinOptions { Mode = PinMode.Direct }.IsDefault);
        Assert.False(new PinOptions { Name = "x" }.IsDefault);
        Assert.False(new PinOptions { RequiredTags = ["ssd"] }.IsDefault);
    }
}
