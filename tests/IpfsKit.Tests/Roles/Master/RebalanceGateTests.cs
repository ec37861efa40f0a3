using IpfsKit.Roles;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master.Internal;
using Microsoft.Extensions.Time.Testing;

namespace IpfsKit.Tests.Roles.Master;

/// <summary>When the master may rebalance: only after its membership has settled (heartbeats of 5 s, settle of 2 of them).</summary>
[Trait("Category", "Roles")]
public sealed class RebalanceGateTests
{
    private static readonly RolesOptions Options = new() { HeartbeatInterval = TimeSpan.FromSeconds(5) };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Check_SameWorkersForTwoHeartbeats_Settles()
    {
        var gate = new RebalanceGate(_time, Options);
        var start = _time.GetUtcNow();

        Assert.NotNull(gate.Check([Worker("w1"), Worker("w2")], start, unquiet: false));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.NotNull(gate.Check([Worker("w1"), Worker("w2")], start, unquiet: false));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(gate.Check([Worker("w2"), Worker("w1")], start, unquiet: false));
    }

    [Fact]
    public void Check_WorkerJoinsOrRejoins_WaitsTwoHeartbeatsAgain()
    {
        var gate = new RebalanceGate(_time, Options);
        var start = _time.GetUtcNow();
        gate.Check([Worker("w1")], start, unquiet: false);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(gate.Check([Worker("w1")], start, unquiet: false));

        Assert.Contains("changed", gate.Check([Worker("w1"), Worker("w2")], start, unquiet: false));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(gate.Check([Worker("w1"), Worker("w2")], start, unquiet: false));
        Assert.NotNull(gate.Check([Worker("w1"), Worker("w2") with { JoinedAt = _time.GetUtcNow() }], start, unquiet: false)); // w2 died and re-joined
    }

    [Fact]
    public void Check_AWorkerKnownBeforeTheStartHasNotBeatenSince_Waits()
    {
        var gate = new RebalanceGate(_time, Options);
        var before = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(1)); // the master restarts a minute after w2's last beat
        var start = _time.GetUtcNow();
        gate.Check([Worker("w1"), Worker("w2", before)], start, unquiet: false);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Contains("w2", gate.Check([Worker("w1"), Worker("w2", before)], start, unquiet: false));
        Assert.Null(gate.Check([Worker("w1"), Worker("w2")], start, unquiet: false)); // w2 beat again
    }

    [Fact]
    public void Check_UnquietPass_WaitsTwoHeartbeatsFromIt()
    {
        var gate = new RebalanceGate(_time, Options);
        var start = _time.GetUtcNow();
        gate.Check([Worker("w1")], start, unquiet: false);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.NotNull(gate.Check([Worker("w1")], start, unquiet: true));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.NotNull(gate.Check([Worker("w1")], start, unquiet: false));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(gate.Check([Worker("w1")], start, unquiet: false));
    }

    private WorkerInfo Worker(string id, DateTimeOffset? lastBeat = null) =>
        new(id, new Uri($"http://{id}:8000/"), null, 100, 80, 0, WorkerState.Alive, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), lastBeat ?? _time.GetUtcNow());
}
