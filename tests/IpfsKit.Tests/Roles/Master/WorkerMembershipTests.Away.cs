using IpfsKit.Roles;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master.Internal;

namespace IpfsKit.Tests.Roles.Master;

/// <summary>Restarts (away for a grace) and decommissions (draining until handed over): WorkerMembership.Away.cs.</summary>
public sealed partial class WorkerMembershipTests
{
    private static readonly RolesOptions GraceOptions = new() { HeartbeatInterval = TimeSpan.FromSeconds(5), MissedHeartbeats = 3, AwayGrace = TimeSpan.FromMinutes(2) };

    [Fact]
    public async Task AwayAsync_RestartingWorker_StaysAwayForTheGraceThenDies()
    {
        await using var membership = await WorkerMembership.OpenAsync(null, GraceOptions, _time);
        await membership.JoinAsync(Join("w1"));
        _time.Advance(TimeSpan.FromSeconds(30)); // past the missed heartbeats: the master is not just starting

        Assert.True(await membership.AwayAsync("w1"));
        Assert.False(await membership.AwayAsync("w1"));
        Assert.Null(await membership.HeartbeatAsync(new WorkerHeartbeat("w1", 100, 90, 0))); // it must join again
        _time.Advance(TimeSpan.FromSeconds(119));
        Assert.Empty(await membership.SweepAsync()); // the missed heartbeats do not count for an away worker, the grace does
        Assert.Equal(WorkerState.Away, (await membership.ListAsync())[0].State);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["w1"], (await membership.SweepAsync()).Select(w => w.WorkerId));
        Assert.Equal(WorkerState.Dead, (await membership.ListAsync())[0].State);
    }

    [Fact]
    public async Task JoinAsync_AwayWorkerWithinTheGrace_IsAliveAndNeverSwept()
    {
        await using var membership = await WorkerMembership.OpenAsync(null, GraceOptions, _time);
        await membership.JoinAsync(Join("w1"));
        await membership.AwayAsync("w1");
        _time.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal(WorkerState.Alive, (await membership.JoinAsync(Join("w1"))).State);
        _time.Advance(TimeSpan.FromSeconds(100));
        Assert.NotNull(await membership.HeartbeatAsync(new WorkerHeartbeat("w1", 100, 90, 0)));
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Empty(await membership.SweepAsync());
    }

    [Fact]
    public async Task AwayAsync_NoGrace_DiesAtTheNextSweep()
    {
        await using var membership = await WorkerMembership.OpenAsync(null, new RolesOptions { HeartbeatInterval = TimeSpan.FromSeconds(5), AwayGrace = TimeSpan.Zero }, _time);
        await membership.JoinAsync(Join("w1"));
        await membership.AwayAsync("w1");

        Assert.Equal(["w1"], (await membership.SweepAsync()).Select(w => w.WorkerId));
    }

    [Fact]
    public async Task DrainAsync_AliveWorker_BeatsAndServesUntilDrainedThenIsLeft()
    {
        await using var membership = await WorkerMembership.OpenAsync(null, GraceOptions, _time);
        await membership.JoinAsync(Join("w1"));
        await membership.JoinAsync(Join("w2"));

        Assert.Equal(WorkerState.Draining, (await membership.DrainAsync("w1"))!.State);
        Assert.Null(await membership.DrainAsync("nobody"));
        Assert.False(await membership.AwayAsync("w1")); // a draining worker that stops stays draining (then dies unless it beats)
        Assert.Equal(["w2"], (await membership.AliveAsync()).Select(w => w.WorkerId));
        Assert.Equal(["w1", "w2"], (await membership.ServingAsync()).Select(w => w.WorkerId));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.NotNull(await membership.HeartbeatAsync(new WorkerHeartbeat("w1", 100, 90, 0)));
        Assert.False(await membership.DrainedAsync("w2")); // only a draining worker becomes drained

        Assert.True(await membership.DrainedAsync("w1"));
        Assert.Equal(WorkerState.Left, (await membership.ListAsync())[0].State);
        Assert.Null(await membership.HeartbeatAsync(new WorkerHeartbeat("w1", 100, 90, 0)));
    }

    [Fact]
    public async Task SweepAsync_DrainingWorkerSilent_DeclaresItDead()
    {
        await using var membership = await WorkerMembership.OpenAsync(null, GraceOptions, _time);
        await membership.JoinAsync(Join("w1"));
        await membership.DrainAsync("w1");
        _time.Advance(TimeSpan.FromSeconds(16));

        Assert.Equal(["w1"], (await membership.SweepAsync()).Select(w => w.WorkerId));
    }
}
