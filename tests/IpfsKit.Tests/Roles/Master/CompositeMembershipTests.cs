using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master.Internal;
using IpfsKit.Sharding;

namespace IpfsKit.Tests.Roles.Master;

/// <summary>
/// The pieces of composite clusters that need no process: the joiner's side of the cycle check, the plan of a direct
/// pin (a planner: properties over random members), the room planned from the plans in force, and the rebalancing
/// weights of sub-clusters.
/// </summary>
[Trait("Category", "Roles")]
public sealed class CompositeMembershipTests
{
    private static readonly Cid Block = Cid.Parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");

    [Fact]
    public void Joined_ParentLineageHoldsThisMaster_RefusedNamingTheLineage()
    {
        var store = new MasterStore(Microsoft.Extensions.Options.Options.Create(new IpfsKitOptions()), TimeProvider.System);
        var reporter = new SubClusterReporter(store);

        var refused = Assert.Throws<IpfsKitOperationRefusedException>(() => reporter.Joined("me", new WorkerJoinReply("me", 1000, 3) { Lineage = ["parent", "me", "root"] }));
        reporter.Joined("me", new WorkerJoinReply("me", 1000, 3) { Lineage = ["parent", "root"] });

        Assert.Contains("parent <- me <- root", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["parent", "root"], store.ParentLineage);
    }

    /// <summary>For any members and holders: distinct new targets, none a live holder, each with room, as many as wanted allows.</summary>
    [Property(MaxTest = 200)]
    public Property OneBlockPlan_AnyMembers_DistinctNewTargetsWithRoomUpToWanted() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Choose(0, 1000)).Select(l => l.ToArray()).ToArbitrary(),
            Gen.Choose(0, 6).ToArbitrary(),
            Gen.Choose(1, 5).ToArbitrary(),
            (free, holders, wanted) =>
            {
                var members = free.Select((f, i) => Worker($"w{i}", f)).ToDictionary(w => w.WorkerId, StringComparer.Ordinal);
                var held = members.Keys.Take(holders).ToList();
                var current = held.Count == 0 ? null : new ShardPlan(Block, 1, 100, wanted, [.. held.Select((t, i) => new ShardPlacement(t, i, 0, 1, 100, [new ShardPin(Block, false)]))]);
                ShardPlan more;
                try
                {
                    more = OneBlockPlan.More(Block, false, 100, current, members, _ => true, wanted);
                }
                catch (IpfsKitCapacityException)
                {
                    return current is null && members.Values.All(m => m.FreeBytes < 100);
                }

                var targets = more.Placements.Select(p => p.Target).ToList();
                var room = members.Values.Count(m => m.FreeBytes >= 100 && !held.Contains(m.WorkerId));
                return targets.Distinct().Count() == targets.Count
                    && targets.All(t => !held.Contains(t) && members[t].FreeBytes >= 100)
                    && targets.Count == Math.Min(Math.Max(0, wanted - held.Count), room)
                    && more.Placements.All(p => p.Pins.Single() == new ShardPin(Block, false) && p.LeafCount == 1)
                    && (current is null ? more : current.Add(more, _ => true)).LiveReplicas(_ => true) == Math.Max(held.Count, Math.Min(wanted, held.Count + room));
            });

    [Fact]
    public void PlannedLoads_StaleReports_RoomIsCapacityLessThePlansUntilTheReportIsLower()
    {
        var alive = new[] { Worker("a", 1000) with { CapacityBytes = 1000 }, Worker("b", 1000) with { CapacityBytes = 1000 }, Worker("c", 100) with { CapacityBytes = 1000 } };
        var first = new ShardPlan(Block, 1, 300, 1, [new ShardPlacement("zone/a", 0, 0, 1, 300, [new ShardPin(Block, true)])]);
        var loads = PlannedLoads.Of([first]);

        Assert.Equal([700L, 1000L, 100L], loads.Apply(alive).Select(w => w.FreeBytes));
        loads.Add(first, first with { Placements = [.. first.Placements, new ShardPlacement("zone/b", 1, 0, 1, 200, [new ShardPin(Block, true)])] });
        Assert.Equal([700L, 800L, 100L], loads.Apply(alive).Select(w => w.FreeBytes));
        loads.Add(null, new ShardPlan(Block, 1, 30, 1, [new ShardPlacement("c", 0, 0, 1, 30, [new ShardPin(Block, true)])]));
        Assert.Equal(70L, loads.Apply(alive)[2].FreeBytes); // c reports less than its plans leave: its report, less what the pass placed on it
        Assert.Equal([700L, 800L], loads.Apply([alive[0], alive[1]]).Select(w => w.FreeBytes)); // and applying twice counts once
        Assert.Equal(5L, loads.Apply([Worker("a", 5) with { CapacityBytes = 0 }]).Single().FreeBytes); // no capacity stated: as reported
    }

    [Fact]
    public void SubClusterWeights_LostCapacityCountedFreeForRebalancing_JoinsAndWorkersAsReported()
    {
        var weights = new SubClusterWeights();
        var sub = Worker("sub", 600) with { Kind = MemberKind.Master, CapacityBytes = 1000 };
        var worker = Worker("w", 100) with { CapacityBytes = 1000 };
        weights.Weigh([sub, worker]);

        var shrunk = weights.Weigh([sub with { CapacityBytes = 500, FreeBytes = 100 }, worker with { CapacityBytes = 500, FreeBytes = 50 }]);

        Assert.Equal([600L, 50L], shrunk.Select(w => w.FreeBytes));
        weights.Weigh([]); // the sub-cluster died: a sub-cluster that comes back is weighed afresh
        Assert.Equal(100L, weights.Weigh([sub with { CapacityBytes = 500, FreeBytes = 100 }]).Single().FreeBytes);
    }

    private static WorkerInfo Worker(string id, long free) =>
        new(id, new Uri($"http://{id}:5001/"), null, 10_000, free, 0, WorkerState.Alive, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
