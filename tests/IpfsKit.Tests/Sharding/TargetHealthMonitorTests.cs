using IpfsKit.Errors;
using IpfsKit.Sharding.Execution;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Tests.Sharding;

[Trait("Category", "Sharding")]
public sealed class TargetHealthMonitorTests
{
    [Fact]
    public async Task CheckAsync_TargetFailsThreeTimesInARow_DeclaredDeadOnceWithEvent()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var flaky = new SwitchableTransport(node);
        var monitor = new TargetHealthMonitor(
            new Dictionary<string, IIpfsTransport> { ["good"] = node, ["flaky"] = flaky },
            new TargetHealthOptions { FailureThreshold = 3, CheckTimeout = TimeSpan.FromSeconds(1) });
        var events = new List<string>();
        monitor.TargetDead += (_, e) => events.Add(e.Target);

        flaky.Down = true;
        Assert.Empty(await monitor.CheckAsync());
        Assert.Empty(await monitor.CheckAsync());
        flaky.Down = false;
        Assert.Empty(await monitor.CheckAsync());
        Assert.Equal(0, monitor.GetConsecutiveFailures("flaky"));
        flaky.Down = true;
        Assert.Empty(await monitor.CheckAsync());
        Assert.Empty(await monitor.CheckAsync());
        Assert.Equal(["flaky"], await monitor.CheckAsync());
        Assert.Empty(await monitor.CheckAsync());

        Assert.Equal(["flaky"], events);
        Assert.Equal(["flaky"], monitor.DeadTargets);
        Assert.True(monitor.TryGetRepoStat("good", out _));
    }

    [Fact]
    public async Task CheckAsync_TargetHangs_TimesOutAndCountsAsFailure()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var hanging = new SwitchableTransport(node) { Hang = true };
        var monitor = new TargetHealthMonitor(
            new Dictionary<string, IIpfsTransport> { ["hanging"] = hanging },
            new TargetHealthOptions { FailureThreshold = 1, CheckTimeout = TimeSpan.FromMilliseconds(200) });

        Assert.Equal(["hanging"], await monitor.CheckAsync());
    }

    [Fact]
    public async Task RunAsync_TargetDown_RaisesTargetDeadThenStopsOnCancel()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var monitor = new TargetHealthMonitor(
            new Dictionary<string, IIpfsTransport> { ["down"] = new SwitchableTransport(node) { Down = true }, ["up"] = node },
            new TargetHealthOptions { FailureThreshold = 3, Interval = TimeSpan.FromMilliseconds(20) });
        var dead = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        monitor.TargetDead += (_, e) => dead.TrySetResult(e.Target);
        using var cts = new CancellationTokenSource();

        var running = monitor.RunAsync(cts.Token);

        Assert.Equal("down", await dead.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(["down"], monitor.DeadTargets);
    }

    private sealed class SwitchableTransport(IIpfsTransport inner) : DelegatingIpfsTransport(inner)
    {
        public bool Down { get; set; }

        public bool Hang { get; set; }

        public override async Task<PeerIdentity> IdentifyAsync(CancellationToken cancellationToken = default)
        {
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return Down ? throw new IpfsKitRemoteException("id", null, "connection refused") : await base.IdentifyAsync(cancellationToken);
        }
    }
}
