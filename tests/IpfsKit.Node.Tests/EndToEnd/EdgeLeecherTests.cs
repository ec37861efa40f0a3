using System.Diagnostics;
using System.Text;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Leecher;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// An edge leecher process (OFFLINE_MODE, DEVICE_ID, a seconds-level IPFS_KIT_SYNC_SCHEDULE) beside a running master:
/// what it queues between sync windows reaches the master only inside one, in order, once, under its device id.
/// </summary>
[Trait("Category", "Edge")]
public sealed class EdgeLeecherTests(ITestOutputHelper output)
{
    private const string Device = "pi-7";
    private const int Adds = 3;
    private static readonly SyncSchedule Schedule = SyncSchedule.Parse("*/15 * * * * *", TimeSpan.FromSeconds(5));

    [Fact]
    public Task OfflineLeecher_AddsBetweenWindows_ReachMasterInsideAWindowInOrderOnce() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync();
        var leecher = await cluster.StartLeecherAsync(new Dictionary<string, string>
        {
            ["OFFLINE_MODE"] = "true",
            ["DEVICE_ID"] = Device,
            ["IPFS_KIT_SYNC_SCHEDULE"] = Schedule.Expression,
            ["IPFS_KIT_SYNC_WINDOW"] = "5s",
        });
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: master and edge leecher ready ({Schedule})");

        // Queue between windows, with at least 4 s left before the next one opens.
        await RoleCluster.EventuallyAsync(() => Task.FromResult(DateTimeOffset.UtcNow), Between, TimeSpan.FromSeconds(20), "a gap between windows");
        var api = RoleCluster.Api(leecher);
        var queued = new List<Cid>();
        for (var i = 0; i < Adds; i++)
        {
            queued.Add((await api.AddAsync(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"edge\":\"{Device}\",\"reading\":{i}}}")))).Cid);
        }

        var opens = Schedule.NextOpening(DateTimeOffset.UtcNow)!.Value;
        Assert.Null(Schedule.ClosesAt(DateTimeOffset.UtcNow)); // still between windows: the adds are queued, not sent
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {Adds} adds queued between windows; the next opens at {opens:HH:mm:ss}");

        // Until the window opens the master sees none of them.
        var checks = 0;
        while (DateTimeOffset.UtcNow < opens - TimeSpan.FromMilliseconds(300))
        {
            var early = await cluster.MasterLink.ListPinsAsync();
            Assert.DoesNotContain(early, p => queued.Any(c => c.ToString() == p.Cid));
            checks++;
            await Task.Delay(250);
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: master checked {checks} times before the window: none arrived");

        // Inside the window they arrive, in order, once, recorded under the device id.
        var pins = await RoleCluster.EventuallyAsync(
            () => cluster.MasterLink.ListPinsAsync(), p => queued.All(c => p.Any(x => x.Cid == c.ToString())), TimeSpan.FromSeconds(20), "the queued adds reach the master", cluster.Logs);
        var arrived = queued.Select(c => pins.Single(p => p.Cid == c.ToString())).ToList();
        Assert.All(arrived, p => Assert.Equal($"{MasterNodeSource}:{Device}", p.Source));
        Assert.All(arrived, p => Assert.NotNull(Schedule.ClosesAt(p.AddedAt)));
        Assert.Equal(arrived.Select(p => p.AddedAt).Order(), arrived.Select(p => p.AddedAt));
        var forwarded = PrometheusText.Parse(await master.Client.GetStringAsync(new Uri("metrics", UriKind.Relative)))
            .Where(m => m.Name.StartsWith("ipfskit_roles_forwarded_operations", StringComparison.Ordinal)).ToList();
        Assert.Equal(Adds, forwarded.Where(m => m.Labels.Contains("outcome=\"applied\"", StringComparison.Ordinal)).Sum(m => m.Value));
        Assert.Equal(0, forwarded.Where(m => m.Labels.Contains("outcome=\"duplicate\"", StringComparison.Ordinal)).Sum(m => m.Value));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all {Adds} at the master inside the window opened {opens:HH:mm:ss} " +
            $"(added at {string.Join(", ", arrived.Select(p => p.AddedAt.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}), source {arrived[0].Source}, applied {Adds}, duplicates 0");
    });

    private const string MasterNodeSource = Roles.Master.MasterNode.ForwardedSource;

    private static bool Between(DateTimeOffset now) =>
        Schedule.ClosesAt(now) is null && Schedule.NextOpening(now) is { } next && next - now > TimeSpan.FromSeconds(4);
}
