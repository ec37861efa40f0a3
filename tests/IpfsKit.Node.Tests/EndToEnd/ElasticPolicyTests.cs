using System.Diagnostics;
using System.Security.Cryptography;
using IpfsKit.Node.Tests.Cli;
using IpfsKit.Roles.Coordination;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// A pin's policy made on a leecher while its master is down: queued in the leecher's durable outbox with its policy,
/// and stored with the pin by the master once it is up (real processes on loopback).
/// </summary>
[Trait("Category", "Elastic")]
public sealed class ElasticPolicyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public Task LeecherPinWithPolicy_MasterDown_ReachesTheMasterWithItsPolicy() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        var leecher = await cluster.StartLeecherAsync();
        var content = RandomNumberGenerator.GetBytes(512 * 1024);
        var root = (await RoleCluster.Api(leecher).AddAsync(new MemoryStream(content), new Transports.AddOptions { Pin = false })).Cid;
        var pinned = await CliProcess.RunAsync([
            "pin", "add", root.ToString(), "--replication-min", "1", "--replication-max", "2", "--name", "readings",
            "--meta", "site=lyon", "--require-tag", "ssd", "--prefer-tag", "eu", .. CliProcess.At(leecher, RoleCluster.Token)]);
        Assert.True(pinned.ExitCode == 0, pinned.StandardError);
        var queued = await CliProcess.RunAsync(["outbox", "ls", .. CliProcess.At(leecher, RoleCluster.Token)]);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: pin with a policy made on the leecher while the master is down; outbox: {queued.StandardOutput.Trim()}");

        var master = await cluster.StartMasterAsync();
        var started = clock.Elapsed;
        var link = cluster.MasterLink;
        var pin = await RoleCluster.EventuallyAsync(
            async () => (await link.ListPinsAsync()).SingleOrDefault(p => p.Cid == root.ToString()), p => p is not null, Patience, "the leecher's pin reaches the master", cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: the pin reached the master {(clock.Elapsed - started).TotalSeconds:0.0} s after it started: {pin!.State}, policy min {pin.Policy?.ReplicationMin} max {pin.Policy?.ReplicationMax} name {pin.Policy?.Name} required {string.Join(',', pin.Policy?.RequiredTags ?? [])}");

        Assert.Equal(Roles.Master.MasterNode.ForwardedSource, pin.Source);
        var policy = Assert.IsType<PinOptions>(pin.Policy);
        Assert.Equal((1, 2, "readings", "lyon"), (policy.ReplicationMin, policy.ReplicationMax, policy.Name, policy.Metadata?["site"]));
        Assert.Equal(["ssd"], policy.RequiredTags!);
        Assert.Equal(["eu"], policy.PreferredTags!);
        await using var body = await RoleCluster.Api(master).CatAsync(root);
        Assert.Equal(SHA256.HashData(content), await SHA256.HashDataAsync(body));
    });
}
