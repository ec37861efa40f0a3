using System.Diagnostics;
using System.Net;
using System.Text;
using IpfsKit.Roles.Coordination;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// Issue 13, bad input: a master that would join itself or one of its own descendants (a cycle) is refused with a clear
/// error on both sides; a member advertising an impossible capacity (negative, above 2^60) is refused with 400. Real
/// node-host processes on loopback.
/// </summary>
[Trait("Category", "Composite")]
[Trait("Category", "EndToEnd")]
public sealed class CompositeMembershipTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public Task MasterJoiningItsDescendant_IsRefusedOnBothSides() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        var parent = await cluster.StartMasterAsync();
        var child = await cluster.StartAsync("master", cluster.MasterUrl);
        var parentLink = cluster.MasterLink;
        await RoleCluster.EventuallyAsync(
            () => parentLink.ListWorkersAsync(), w => w.Any(x => x.Kind == MemberKind.Master && x.State == WorkerState.Alive), Patience, "the child master joins", cluster.Logs);
        Step("a master joined its parent as a sub-cluster", clock);

        // The parent restarts on its folder with the child as its own parent: the child's lineage holds it.
        await parent.KillAsync();
        parent = await cluster.StartMasterAsync(new Dictionary<string, string>
        {
            ["IPFS_PATH"] = parent.DataPath,
            ["MASTER_NODE"] = $"http://127.0.0.1:{child.Port}/",
        });
        var refusal = await RoleCluster.EventuallyAsync(
            () => Task.FromResult(parent.Output), o => o.Contains("cluster cannot contain itself", StringComparison.Ordinal), Patience, "the joiner says it was refused", cluster.Logs);
        Assert.Contains("Joining the master was refused", refusal, StringComparison.Ordinal);
        Assert.Contains("one of its ancestors", refusal, StringComparison.Ordinal);
        Assert.Contains("409", refusal, StringComparison.Ordinal);
        Assert.Contains("cluster cannot contain itself", child.Output, StringComparison.Ordinal); // the refusing side logs it too
        Assert.DoesNotContain(await RoleCluster.LinkTo(child).ListWorkersAsync(), w => w.ApiUrl.Port == parent.Port);
        Step("the old parent's join of its own sub-cluster was refused (409) and said so on both sides", clock);
    });

    [Fact]
    public Task MasterJoiningItself_IsRefused() => RoleCluster.RunAsync(output, async cluster =>
    {
        var port = FreePorts.Next();
        var self = await cluster.StartAsync("master", new Uri($"http://127.0.0.1:{port}/"), port: port);
        var log = await RoleCluster.EventuallyAsync(
            () => Task.FromResult(self.Output), o => o.Contains("cluster cannot contain itself", StringComparison.Ordinal), Patience, "the self-join is refused", cluster.Logs);
        Assert.Contains("this master itself", log, StringComparison.Ordinal);
        Assert.Empty(await RoleCluster.LinkTo(self).ListWorkersAsync());
    });

    [Theory]
    [InlineData(-1L, 0L, "capacityBytes")]
    [InlineData((1L << 60) + 1, 0L, "capacityBytes")]
    [InlineData(1L << 30, -5L, "freeBytes")]
    [InlineData(1L << 30, long.MaxValue, "freeBytes")]
    public Task ImpossibleCapacity_IsRefusedWith400(long capacity, long free, string named) => RoleCluster.RunAsync(output, async cluster =>
    {
        var master = await cluster.StartMasterAsync();
        using var http = new HttpClient { BaseAddress = cluster.MasterUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RoleCluster.Token);
        var join = $$"""{"workerId":"liar","apiUrl":"http://127.0.0.1:9/","capacityBytes":{{capacity}},"freeBytes":{{free}},"kind":"master","members":3}""";
        using var joined = await http.PostAsync(new Uri(CoordinationPaths.Join.TrimStart('/'), UriKind.Relative), new StringContent(join, Encoding.UTF8, "application/json"));
        var body = await joined.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, joined.StatusCode);
        Assert.Contains(named, body, StringComparison.Ordinal);
        Assert.Contains("2^60", body, StringComparison.Ordinal);

        var beat = $$"""{"workerId":"liar","capacityBytes":{{capacity}},"freeBytes":{{free}},"pinCount":0}""";
        using var beaten = await http.PostAsync(new Uri(CoordinationPaths.Heartbeat.TrimStart('/'), UriKind.Relative), new StringContent(beat, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, beaten.StatusCode);
        Assert.Empty(await cluster.MasterLink.ListWorkersAsync());
        output.WriteLine($"capacity {capacity}, free {free}: 400 {body}");
        GC.KeepAlive(master);
    });

    private void Step(string what, Stopwatch clock) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
}
