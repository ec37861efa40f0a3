using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Node.Internal;
using IpfsKit.Node.Tests.Cli;
using IpfsKit.Roles.Coordination;
using Parquet.Serialization;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// Re-replication with real processes on loopback: a pin planned while members were short stays under-replicated
/// (shown by <c>/cluster/pins</c> and the master's <c>cluster</c> health) until a member joins, then gets its missing
/// replicas on distinct workers within a few heartbeats.
/// </summary>
[Trait("Category", "Elastic")]
public sealed class ElasticReplicationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The master with replication 2, sharding above 8 links (a 4 MiB file has 16 leaves).</summary>
    private static readonly Dictionary<string, string> Replicated = new()
    {
        ["IpfsKit__Roles__Replication"] = "2",
        ["IpfsKit__Roles__LinkThreshold"] = "8",
        ["IpfsKit__Roles__MinRangeBytes"] = "262144",
    };

    [Fact]
    public Task OneWorkerThenTwo_UnderReplicatedPin_GetsItsSecondReplica() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync(Replicated);
        var first = await cluster.StartWorkerAsync();
        var link = cluster.MasterLink;
        await RoleCluster.EventuallyAsync(() => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 1, Patience, "one worker alive", cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: master and one worker up");

        var content = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        var root = (await RoleCluster.Api(master).AddAsync(new MemoryStream(content))).Cid;
        var short1 = await RoleCluster.EventuallyAsync(() => PinAsync(link, root), p => p?.State == MasterPinState.Placed, Patience, "the add is placed", cluster.Logs);
        Assert.Equal(1, short1!.LiveReplicas);
        Assert.Equal(2, short1.WantedReplicas);
        Assert.Equal("under-replicated (1 of 2)", short1.Replication);
        Assert.Equal("degraded", await ClusterHealthAsync(master));
        var tree = await CliProcess.RunAsync(["shard", "plan", root.ToString(), .. CliProcess.At(master, RoleCluster.Token)]);
        Assert.Equal(0, tree.ExitCode);
        Assert.Contains("replication under-replicated (1 of 2)", tree.StandardOutput, StringComparison.Ordinal);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: placed on one worker, {short1.Replication}, cluster health degraded; shard plan: {tree.StandardOutput.Split('\n')[0]}");

        var second = await cluster.StartWorkerAsync();
        var joined = clock.Elapsed;
        var full = await RoleCluster.EventuallyAsync(() => PinAsync(link, root), p => p?.LiveReplicas == 2, Patience, "the second replica is placed", cluster.Logs);
        var toppedUp = clock.Elapsed - joined;
        Assert.Equal("2 of 2", full!.Replication);

        // Every leaf on two distinct workers, and each worker holds what the plan gives it.
        var plan = await RoleCluster.PlanAsync(master, root);
        Assert.Equal(2, plan.Targets.Count);
        Assert.Equal(2, plan.LiveReplicas(_ => true));
        var members = await link.ListWorkersAsync();
        foreach (var worker in new[] { first, second })
        {
            var id = members.Single(m => m.ApiUrl.Port == worker.Port).WorkerId;
            var expected = plan.PlacementsOf(id).SelectMany(p => p.Pins).Select(p => p.Cid).ToHashSet();
            Assert.NotEmpty(expected);
            Assert.Superset(expected, await RoleCluster.PinsOfAsync(worker));
            output.WriteLine($"worker {id}: {plan.BytesOf(id):N0} B in {expected.Count} pin(s), all in its pin/ls");
        }

        await RoleCluster.EventuallyAsync(() => ClusterHealthAsync(master), h => h == "healthy", Patience, "cluster health back to healthy", cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: second worker joined, 2 of 2 after {toppedUp.TotalSeconds:0.0} s, cluster health healthy");
        await using var body = await RoleCluster.Api(second).CatAsync(root);
        Assert.Equal(SHA256.HashData(content), await SHA256.HashDataAsync(body));
    });

    [Fact]
    public Task RequiredTag_NoMemberHasIt_PendingWithReasonUntilATaggedWorkerJoins() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync(new Dictionary<string, string> { ["IpfsKit__Roles__MaxMembers"] = "4" });
        var plain = await cluster.StartWorkerAsync();
        var link = cluster.MasterLink;
        await RoleCluster.EventuallyAsync(() => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 1, Patience, "one worker alive", cluster.Logs);

        // Bounds no cluster can meet are refused with 400 naming the values (the API), exit 1 and one line (the CLI); nothing is pinned.
        var content = RandomNumberGenerator.GetBytes(1024 * 1024);
        var root = (await RoleCluster.Api(master).AddAsync(new MemoryStream(content), new Transports.AddOptions { Pin = false })).Cid;
        foreach (var (query, message) in new[]
        {
            ("replication-min=3&replication-max=2", "replication min 3 is above replication max 2"),
            ("replication-min=0", "replication min 0 is out of range"),
            ("replication-max=5", "replication max 5 is above the 4 members this cluster can ever have"),
        })
        {
            using var bad = await master.Client.PostAsync(new Uri($"api/v0/pin/add?arg={root}&{query}", UriKind.Relative), null);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains(message, await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var (options, message) in new[]
        {
            (new[] { "--replication-min", "3", "--replication-max", "2" }, "replication min 3 is above replication max 2"),
            (["--replication-min", "5"], "replication min 5 is above the 4 members"),
        })
        {
            var refused = await CliProcess.RunAsync(["pin", "add", root.ToString(), .. options, .. CliProcess.At(master, RoleCluster.Token)]);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains(message, refused.StandardError, StringComparison.Ordinal);
            Assert.Single(refused.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            output.WriteLine($"pin add {string.Join(' ', options)}: exit {refused.ExitCode}, {refused.StandardError.Trim()}");
        }

        Assert.DoesNotContain(await link.ListPinsAsync(), p => p.Cid == root.ToString());

        var pinned = await CliProcess.RunAsync(["pin", "add", root.ToString(), "--require-tag", "ssd", "--name", "readings", "--meta", "site=lyon", .. CliProcess.At(master, RoleCluster.Token)]);
        Assert.Equal(0, pinned.ExitCode);

        var waiting = await RoleCluster.EventuallyAsync(() => PinAsync(link, root), p => p?.Error is not null, Patience, "the pin shows why it waits", cluster.Logs);
        Assert.Equal(MasterPinState.Pending, waiting!.State);
        Assert.Contains("ssd", waiting.Error, StringComparison.Ordinal);
        Assert.Equal("readings", waiting.Policy?.Name);
        Assert.Equal("lyon", waiting.Policy?.Metadata?["site"]);
        Assert.Empty(waiting.Targets);
        Assert.DoesNotContain(root, await RoleCluster.PinsOfAsync(plain));
        var plan = await CliProcess.RunAsync(["shard", "plan", root.ToString(), .. CliProcess.At(master, RoleCluster.Token)]);
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains($"{root}  pending, no plan in force: {waiting.Error}", plan.StandardOutput, StringComparison.Ordinal);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: pending on a cluster of one untagged worker: {waiting.Error}; shard plan: {plan.StandardOutput.Trim()}");

        var tagged = await cluster.StartWorkerAsync(new Dictionary<string, string> { ["IPFS_KIT_TAGS"] = "eu,ssd" });
        var joined = clock.Elapsed;
        var placed = await RoleCluster.EventuallyAsync(() => PinAsync(link, root), p => p?.State == MasterPinState.Placed, Patience, "the pin is placed on the tagged worker", cluster.Logs);
        var taggedId = (await link.ListWorkersAsync()).Single(w => w.ApiUrl.Port == tagged.Port);
        Assert.Equal(["eu", "ssd"], taggedId.Tags);
        Assert.Equal([taggedId.WorkerId], placed!.Targets);
        Assert.Null(placed.Error);
        Assert.Contains(root, await RoleCluster.PinsOfAsync(tagged));
        Assert.DoesNotContain(root, await RoleCluster.PinsOfAsync(plain));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: tagged worker joined, pin placed on it alone after {(clock.Elapsed - joined).TotalSeconds:0.0} s");

        // The master admits at most MaxMembers (4) members: two more join, a fifth new one is refused with 409.
        WorkerJoinRequest Extra(int n) => new($"extra-{n}", new Uri($"http://127.0.0.1:{FreePorts.Next()}/"), 1L << 30, 1L << 30);
        await link.JoinAsync(Extra(1));
        await link.JoinAsync(Extra(2));
        var beyond = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => link.JoinAsync(Extra(3)));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, beyond.StatusCode);
        Assert.Contains("has its 4 members", beyond.Message, StringComparison.Ordinal);

        // The metadata export carries the policy.
        using var export = await master.Client.PostAsync(new Uri("api/v0/metadata/export", UriKind.Relative), null);
        export.EnsureSuccessStatusCode();
        var rows = (await ParquetSerializer.DeserializeAsync<PinMetadataRow>(new MemoryStream(await export.Content.ReadAsByteArrayAsync()))).Data;
        var row = rows.Single(r => r.Cid == root.ToString());
        Assert.Equal(("readings", 1, 1, "{\"site\":\"lyon\"}"), (row.Name, row.ReplicationMin, row.ReplicationMax, row.Metadata));
    });

    private static async Task<MasterPinInfo?> PinAsync(MasterLinkClient link, Cid root) =>
        (await link.ListPinsAsync()).SingleOrDefault(p => p.Cid == root.ToString());

    private static async Task<string?> ClusterHealthAsync(HostProcess master)
    {
        using var health = JsonDocument.Parse(await master.Client.GetStringAsync(new Uri("health", UriKind.Relative)));
        return health.RootElement.GetProperty("components").GetProperty("cluster").GetProperty("status").GetString();
    }
}
