using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Deployment;

/// <summary>
/// The image's entrypoint (samples/Deployment/docker-entrypoint.sh) starting the real host: IPFS_KIT_ROLE wins over the
/// role the image's CMD (or a compose <c>command:</c>) gives as a default.
/// </summary>
[Trait("Category", "Deployment")]
public sealed class ImageRoleTests(ITestOutputHelper output)
{
    private static readonly string Entrypoint = Path.Combine(IpfsKit.Testing.PeerRig.PeerRigHost.FindRepositoryRoot(), "samples", "Deployment", "docker-entrypoint.sh");

    [Theory]
    [InlineData("master")] // the Dockerfile's CMD
    [InlineData(null)]
    public async Task Entrypoint_RoleVariable_StartsThatRoleWhateverThePositionalDefault(string? positional)
    {
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartReadyAsync(
            extra: new Dictionary<string, string> { ["IPFS_KIT_ROLE"] = "leecher", ["MASTER_NODE"] = "http://127.0.0.1:9/" },
            arguments: positional is null ? [] : [positional],
            script: Entrypoint);
        output.WriteLine($"ready through the entrypoint after {clock.ElapsedMilliseconds} ms");

        using var health = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("health", UriKind.Relative)));
        var link = health.RootElement.GetProperty("components").GetProperty("masterLink").GetProperty("description").GetString();
        Assert.DoesNotContain("this node is the master", link, StringComparison.Ordinal);
        Assert.Contains("master is unreachable", link, StringComparison.Ordinal); // a leecher whose master is away
    }

    [Fact]
    public async Task Entrypoint_PositionalRoleWithoutVariable_StartsThatRole()
    {
        await using var host = await HostProcess.StartReadyAsync(extra: new Dictionary<string, string> { ["IPFS_KIT_ROLE"] = "" }, arguments: ["master"], script: Entrypoint);

        using var health = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("health", UriKind.Relative)));
        Assert.Equal("this node is the master", health.RootElement.GetProperty("components").GetProperty("masterLink").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Entrypoint_BadRoleVariable_HostExits2NamingIt()
    {
        await using var host = HostProcess.Start(extra: new Dictionary<string, string> { ["IPFS_KIT_ROLE"] = "wroker" }, arguments: ["master"], script: Entrypoint);

        Assert.Equal(2, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("IPFS_KIT_ROLE: 'wroker' is not a role", host.ErrorOutput, StringComparison.Ordinal);
    }
}
