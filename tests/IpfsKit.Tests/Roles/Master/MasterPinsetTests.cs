using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master.Internal;
using IpfsKit.Sharding;
using IpfsKit.Transports;
using Microsoft.Extensions.Time.Testing;

namespace IpfsKit.Tests.Roles.Master;

[Trait("Category", "Roles")]
public sealed class MasterPinsetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ipfskit-pinset-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task IngestAsync_SameKeyTwice_AppliesOnce()
    {
        await using var pinset = await MasterPinset.OpenAsync(null, _time);
        var key = Guid.NewGuid();

        Assert.True(await pinset.IngestAsync(Root(1), PinMode.Recursive, "forwarded", key));
        Assert.False(await pinset.IngestAsync(Root(2), PinMode.Recursive, "forwarded", key));

        var pin = Assert.Single(await pinset.ListAsync());
        Assert.Equal((Root(1).ToString(), MasterPinState.Pending, "forwarded"), (pin.Cid, pin.State, pin.Source));
        Assert.Equal(new ForwardedOperationReply(false, Root(1).ToString()), await pinset.FindAppliedAsync(key));
        Assert.Equal(1, await pinset.CountAppliedAsync());
    }

    [Fact]
    public async Task IngestAsync_ThousandRepeatsOfOneKey_CountedOnce()
    {
        await using var pinset = await MasterPinset.OpenAsync(Path.Combine(_folder, "master.db"), _time);
        var key = Guid.NewGuid();

        var applied = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => pinset.IngestAsync(Root(1), PinMode.Recursive, "forwarded", key)));

        Assert.Equal(1, applied.Count(a => a));
        Assert.Equal(1, await pinset.CountAppliedAsync());
        Assert.Single(await pinset.ListAsync());
    }

    [Fact]
    public async Task IngestAsync_CidV0AndV1_AreOnePin()
    {
        await using var pinset = await MasterPinset.OpenAsync(null, _time);
        var v0 = Block.Create(new byte[] { 0x0a, 0x00 }, Multicodec.DagPb, version: 0).Cid;

        await pinset.IngestAsync(v0, PinMode.Recursive, "local");
        await pinset.IngestAsync(v0.ToV1(), PinMode.Recursive, "local");

        Assert.Single(await pinset.ListAsync());
    }

    [Fact]
    public async Task SetPlacedAsync_ThenFailed_KeepsPlanAndReportsError()
    {
        await using var pinset = await MasterPinset.OpenAsync(null, _time);
        await pinset.IngestAsync(Root(1), PinMode.Recursive, "local");
        var plan = Plan(Root(1), "w1", "w2");

        Assert.True(await pinset.SetPlacedAsync(Root(1), plan));
        var placed = (await pinset.ListAsync())[0];
        Assert.Equal(MasterPinState.Placed, placed.State);
        Assert.Equal(["w1", "w2"], placed.Targets);

        Assert.True(await pinset.SetFailedAsync(Root(1), "w2 refused"));
        var failed = (await pinset.ListAsync())[0];
        Assert.Equal((MasterPinState.Failed, "w2 refused"), (failed.State, failed.Error));
        Assert.Equal(ShardPlanJson.Serialize(plan), ShardPlanJson.Serialize((await pinset.GetPlanAsync(Root(1)))!));
    }

    [Fact]
    public async Task RemoveAsync_PlacedPin_RetiresItsPlanOncePerKey()
    {
        await using var pinset = await MasterPinset.OpenAsync(null, _time);
        await pinset.IngestAsync(Root(1), PinMode.Recursive, "local");
        await pinset.SetPlacedAsync(Root(1), Plan(Root(1), "w1"));
        var key = Guid.NewGuid();

        Assert.True(await pinset.RemoveAsync(Root(1), key));
        Assert.False(await pinset.RemoveAsync(Root(1), key));

        Assert.Empty(await pinset.ListAsync());
        Assert.Null(await pinset.GetPlanAsync(Root(1)));
        Assert.Equal(Root(1), Assert.Single(await pinset.ListRetiredAsync()).Root);
        await pinset.ForgetRetiredAsync(Root(1));
        Assert.Empty(await pinset.ListRetiredAsync());
    }

    [Fact]
    public async Task OpenAsync_SameFile_KeepsPinsPlansAndKeysAcrossReopen()
    {
        var path = Path.Combine(_folder, "master.db");
        var key = Guid.NewGuid();
        await using (var pinset = await MasterPinset.OpenAsync(path, _time))
        {
            await pinset.IngestAsync(Root(1), PinMode.Recursive, "forwarded", key);
            await pinset.IngestAsync(Root(2), PinMode.Direct, "local");
            await pinset.SetPlacedAsync(Root(2), Plan(Root(2), "w1"));
        }

        await using var reopened = await MasterPinset.OpenAsync(path, _time);

        Assert.False(await reopened.IngestAsync(Root(1), PinMode.Recursive, "forwarded", key));
        Assert.Equal(1, await reopened.CountAppliedAsync());
        var pins = await reopened.ListAsync();
        Assert.Equal([(Root(1).ToString(), MasterPinState.Pending), (Root(2).ToString(), MasterPinState.Placed)], pins.Select(p => (p.Cid, p.State)).Order());
        Assert.Equal(PinMode.Direct, pins.Single(p => p.Cid == Root(2).ToString()).Mode);
        Assert.NotNull(await reopened.GetPlanAsync(Root(2)));
    }

    [Fact]
    public async Task RecordStaleAsync_TwiceForOneTarget_MergedKeptAcrossReopenUntilForgotten()
    {
        var path = Path.Combine(_folder, "master.db");
        var first = new ShardPlan(Root(1), 4, 40, 1, [Placement("w1", 0, Root(2)), Placement("w2", 2, Root(3))]);
        var second = new ShardPlan(Root(1), 4, 40, 1, [Placement("w1", 0, Root(2)), Placement("w1", 3, Root(4))]);
        await using (var pinset = await MasterPinset.OpenAsync(path, _time))
        {
            await pinset.RecordStaleAsync(first, "w1");
            await pinset.RecordStaleAsync(second, "w1");
            await pinset.RecordStaleAsync(first, "w2");
        }

        await using var reopened = await MasterPinset.OpenAsync(path, _time);
        var stale = await reopened.ListStaleAsync();
        Assert.Equal(2, stale.Count);
        Assert.Equal([Root(2), Root(4)], stale[0].Placements.Select(p => p.Pins[0].Cid));
        Assert.All(stale[0].Placements, p => Assert.Equal("w1", p.Target));
        Assert.Equal([Root(3)], stale[1].Placements.Select(p => p.Pins[0].Cid));

        await reopened.ForgetStaleAsync(Root(1), "w1");
        Assert.Equal("w2", Assert.Single(await reopened.ListStaleAsync()).Placements[0].Target);
    }

    [Fact]
    public async Task ListPlansAsync_OnlyPinsWithAPlanInForce()
    {
        await using var pinset = await MasterPinset.OpenAsync(null, _time);
        await pinset.IngestAsync(Root(1), PinMode.Recursive, "local");
        await pinset.IngestAsync(Root(2), PinMode.Recursive, "local");
        await pinset.SetPlacedAsync(Root(2), Plan(Root(2), "w1"));

        Assert.Equal([Root(2)], (await pinset.ListPlansAsync()).Select(p => p.Root));
        await pinset.RemoveAsync(Root(2));
        Assert.Empty(await pinset.ListPlansAsync());
    }

    [Fact]
    public async Task ReleaseInteriorAsync_NodeSharedByTwoPins_FreedOnlyWithTheLastAndAfterARestart()
    {
        var path = Path.Combine(_folder, "master.db");
        await using (var pinset = await MasterPinset.OpenAsync(path, _time))
        {
            await pinset.RecordInteriorAsync(Root(1), [Root(1), Root(3)]); // a file whose interior node 3 ...
            await pinset.RecordInteriorAsync(Root(2), [Root(2), Root(3)]); // ... a directory holds too
            await pinset.RecordInteriorAsync(Root(2), [Root(2), Root(3)]); // a repeated drop records nothing more
        }

        await using var reopened = await MasterPinset.OpenAsync(path, _time);
        Assert.Equal([Root(2)], await reopened.ReleaseInteriorAsync(Root(2)));
        Assert.Empty(await reopened.ReleaseInteriorAsync(Root(2)));
        Assert.Equal(new HashSet<Cid> { Root(1), Root(3) }, (await reopened.ReleaseInteriorAsync(Root(1))).ToHashSet());
    }

    private static ShardPlacement Placement(string target, long firstLeaf, Cid pin) => new(target, 0, firstLeaf, 1, 10, [new ShardPin(pin, true)]);

    [Fact]
    public async Task OpenAsync_DatabaseWithoutPolicies_PinsKeptAndPoliciesStoredThenDroppedWithThePin()
    {
        var path = Path.Combine(_folder, "master.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            // The schema a master.db had before per-pin policies.
            await connection.OpenAsync();
            using var create = connection.CreateCommand();
            create.CommandText = $"""
                CREATE TABLE pins (key TEXT PRIMARY KEY, cid TEXT NOT NULL, mode INTEGER NOT NULL, source TEXT NOT NULL, state INTEGER NOT NULL,
                    plan TEXT NULL, error TEXT NULL, added_at INTEGER NOT NULL);
                INSERT INTO pins VALUES ('{Root(1).ToV1()}', '{Root(1)}', 0, 'local', 0, NULL, NULL, 0);
                """;
            await create.ExecuteNonQueryAsync();
        }

        await using var pinset = await MasterPinset.OpenAsync(path, _time);
        var old = Assert.Single(await pinset.ListAsync());
        Assert.Null(old.Policy);

        await pinset.SetPolicyAsync(Root(1), new PinOptions { ReplicationMin = 1, ReplicationMax = 3, Name = "n", Metadata = new Dictionary<string, string> { ["k"] = "v" }, RequiredTags = ["ssd"] });
        var policy = Assert.Single(await pinset.ListAsync()).Policy;
        Assert.NotNull(policy);
        Assert.Equal((1, 3, "n", "v", "ssd"), (policy.ReplicationMin, policy.ReplicationMax, policy.Name, policy.Metadata?["k"], policy.RequiredTags?.Single()));

        await pinset.RemoveAsync(Root(1));
        await pinset.IngestAsync(Root(1), PinMode.Recursive, "local");
        Assert.Null(Assert.Single(await pinset.ListAsync()).Policy);
    }

    private static Cid Root(byte seed) => Block.Create(new[] { seed }).Cid;

    private static ShardPlan Plan(Cid root, params string[] targets) =>
        new(root, 1, 10, 1, [.. targets.Select(t => new ShardPlacement(t, 0, 0, 1, 10, [new ShardPin(root, true)]))]);
}
