using IpfsKit.Roles;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master.Internal;
using IpfsKit.Sharding;

namespace IpfsKit.Tests.Roles.Master;

[Trait("Category", "Roles")]
public sealed class PinPlacementTests
{
    private static readonly DagOutline Whole = new(Content.Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"), new Dictionary<Content.Cid, OutlineNode>());

    [Fact]
    public void Waiting_RequiredTagNobodyHas_NamesTheTags()
    {
        var alive = new[] { Worker("w1", "eu"), Worker("w2") };

        Assert.Equal("waiting for a member with tags ssd: no alive member has them all", PinPlacement.Waiting(new PinOptions { RequiredTags = ["ssd"] }, alive));
        Assert.Null(PinPlacement.Waiting(new PinOptions { RequiredTags = ["eu"] }, alive));
        Assert.Null(PinPlacement.Waiting(null, alive));
    }

    [Theory]
    [InlineData(null, null, 2, 3, 2, 2)]
    [InlineData(1, -1, 2, 3, 1, 3)]
    [InlineData(-1, -1, 2, 0, 1, 1)]
    public void Wanted_MinusOne_IsEveryEligibleMember(int? min, int? max, int replication, int eligible, int expectedMin, int expectedMax) =>
        Assert.Equal((expectedMin, expectedMax), PinPlacement.Wanted(new PinOptions { ReplicationMin = min, ReplicationMax = max }, replication, eligible));

    [Fact]
    public void Plan_RequiredAndPreferredTags_OnlyEligibleMembersPreferredFirst()
    {
        var (topology, byTarget) = WorkerTopology.Build([Worker("w1", "ssd", free: 1000), Worker("w2", "ssd,fast", free: 10), Worker("w3", "hdd", free: 100_000)]);
        var options = new RolesOptions { Replication = 1 };

        Assert.Equal(["w1"], PinPlacement.Plan(new PinOptions { RequiredTags = ["ssd"] }, Whole, topology, byTarget, options).Targets);
        Assert.Equal(["w2"], PinPlacement.Plan(new PinOptions { RequiredTags = ["ssd"], PreferredTags = ["fast"] }, Whole, topology, byTarget, options).Targets);
        Assert.Equal(["w3"], PinPlacement.Plan(null, Whole, topology, byTarget, options).Targets);
        Assert.Equal(["w1", "w2"], PinPlacement.Plan(new PinOptions { RequiredTags = ["ssd"], ReplicationMax = -1 }, Whole, topology, byTarget, options).Targets);
    }

    private static WorkerInfo Worker(string id, string? tags = null, long free = 100) =>
        new(id, new Uri($"http://{id}/"), null, 100_000, free, 0, WorkerState.Alive, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)
        {
            Tags = MemberTags.Parse(tags),
        };
}
