using IpfsKit.Roles;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master.Internal;
using Microsoft.Extensions.Time.Testing;

namespace IpfsKit.Tests.Roles.Master;

[Trait("Category", "Roles")]
public sealed partial class WorkerMembershipTests : IDisposable
{
    private static readonly RolesOptions Options = new() { HeartbeatInterval = TimeSpan.FromSeconds(5), MissedHeartbeats = 3 };
    private readonly string _folder = Directory.CreateTempSubdirectory("ipfskit-membership-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task JoinAsync_NewWorker_IsAliveWithItsFigures()
    {
        await using var membership = await WorkerMembership.OpenAsync(null, Options, _time);

        var worker = await membership.JoinAsync(Join("w1", zone: "zone-a"));

        Assert.Equal(WorkerState.Alive, worker.State);
        Assert.Equal(new Uri("http://w1:8000/"), worker.ApiUrl);
        Assert.Equal("zone-a", worker.Zone);
        Assert.Equal(100, worker.CapacityBytes);
        Assert.Equal(_time.GetUtcNow(), worker.LastHeartbeat);
        Assert.Equal(["w1"], (await membership.AliveAsync()).Select(w => w.WorkerId));
    }

    [Fact]
    public async Task HeartbeatAsync_KnownWorker_UpdatesFiguresAndTime()
    {
        await using var membership = await WorkerMembership.OpenAsync(null, Options, _time);
        await membership.JoinAsync(Join("w1"));
        _time.Advance(TimeSpan.FromSeconds(4));

        var worker = await membership.HeartbeatAsync(new WorkerHeartbeat("w1", 200, 150, 7));

        Assert.NotNull(worker);
        Assert.Equal((200, 150, 7), (worker.CapacityBytes, worker.FreeBytes, worker.PinCount));
        Assert.Equal(_time.GetUtcNow(), worker.LastHeartbeat);
    }

    [Fact]
    public async Task HeartbeatAsync_UnknownWorker_ReturnsNull()
    {
        await using var membership = await WorkerMembership.OpenAsync(null, Options, _time);

        Assert.Null(await membership.HeartbeatAsync(new WorkerHeartbeat("nobody", 1, 1, 0)));
    }

    [Fact]
    public async Task SweepAsync_AfterMissedBeats_DeclaresDeadOnceAndRefusesItsBeats()
    {
        await using var membership = await WorkerMembership.OpenAsync(null, Options, _time);
        await membership.JoinAsync(Join("w1"));
        await membership.JoinAsync(Join("w2"));
        _time.Advance(TimeSpan.FromSeconds(10));
        await membership.HeartbeatAsync(new WorkerHeartbeat("w2", 100, 90, 0));

        Assert.Empty(await membership.SweepAsync()); // 10 s < 15 s
        _time.Advance(TimeSpan.FromSeconds(6));
        var dead = await membership.SweepAsync();

        Assert.Equal(["w1"], dead.Select(w => w.WorkerId));
        Assert.Equal(WorkerState.Dead, dead[0].State);
        Assert.Empty(await membership.SweepAsync());
        Assert.Null(await membership.HeartbeatAsync(new WorkerHeartbeat("w1", 100, 90, 0)));
        Assert.Equal(["w2"], (await membership.AliveAsync()).Select(w => w.WorkerId));
    }

    [Fact]
    public async Task JoinAsync_DeadWorker_RevivesWithNewUrl()
    {
        await using var membership = await WorkerMembership.OpenAsync(null, Options, _time);
        await membership.JoinAsync(Join("w1"));
        _time.Advance(TimeSpan.FromMinutes(1));
        await membership.SweepAsync();

        var worker = await membership.JoinAsync(Join("w1") with { ApiUrl = new Uri("http://w1-new:8000/"), CapacityBytes = 500 });

        Assert.Equal(WorkerState.Alive, worker.State);
        Assert.Equal(new Uri("http://w1-new:8000/"), worker.ApiUrl);
        Assert.Equal(500, worker.CapacityBytes);
        Assert.Equal(_time.GetUtcNow(), worker.JoinedAt);
        Assert.NotNull(await membership.HeartbeatAsync(new WorkerHeartbeat("w1", 500, 500, 0)));
    }

    [Fact]
    public async Task LeaveAsync_AliveWorker_IsLeftAndMustJoinAgain()
    {
        await using var membership = await WorkerMembership.OpenAsync(null, Options, _time);
        await membership.JoinAsync(Join("w1"));

        Assert.True(await membership.LeaveAsync("w1"));
        Assert.False(await membership.LeaveAsync("w1"));
        Assert.Equal(WorkerState.Left, (await membership.ListAsync())[0].State);
        Assert.Null(await membership.HeartbeatAsync(new WorkerHeartbeat("w1", 100, 90, 0)));
        Assert.Equal(WorkerState.Alive, (await membership.JoinAsync(Join("w1"))).State);
    }

    [Fact]
    public async Task OpenAsync_SameFile_KeepsWorkersAcrossReopen()
    {
        var path = Path.Combine(_folder, "master.db");
        await using (var membership = await WorkerMembership.OpenAsync(path, Options, _time))
        {
            await membership.JoinAsync(Join("w1"));
            await membership.JoinAsync(Join("w2"));
            await membership.LeaveAsync("w2");
        }

        await using var reopened = await WorkerMembership.OpenAsync(path, Options, _time);
        var workers = await reopened.ListAsync();

        Assert.Equal([("w1", WorkerState.Alive), ("w2", WorkerState.Left)], workers.Select(w => (w.WorkerId, w.State)));
        Assert.Equal(new Uri("http://w1:8000/"), workers[0].ApiUrl);
    }

    [Fact]
    public async Task SweepAsync_ReopenedLongAfterTheLastBeats_GivesTheKnownWorkersTheirMissedBeatsFromTheOpen()
    {
        var path = Path.Combine(_folder, "master.db");
        await using (var membership = await WorkerMembership.OpenAsync(path, Options, _time))
        {
            await membership.JoinAsync(Join("w1"));
            await membership.JoinAsync(Join("w2"));
        }

        _time.Advance(TimeSpan.FromMinutes(1)); // the master was down for a minute
        await using var restarted = await WorkerMembership.OpenAsync(path, Options, _time);

        Assert.Empty(await restarted.SweepAsync());
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.NotNull(await restarted.HeartbeatAsync(new WorkerHeartbeat("w2", 100, 80, 0)));
        Assert.Empty(await restarted.SweepAsync()); // 10 s after the start < 15 s
        _time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(["w1"], (await restarted.SweepAsync()).Select(w => w.WorkerId));
        Assert.Equal(["w2"], (await restarted.AliveAsync()).Select(w => w.WorkerId));
    }

    private static WorkerJoinRequest Join(string id, string? zone = null) => new(id, new Uri($"http://{id}:8000/"), 100, 80, zone);
}
