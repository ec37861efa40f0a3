using System.Collections;
using IpfsKit.Node.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpfsKit.Node.Tests.Internal;

[Trait("Category", "Host")]
public sealed class HealthResponseWriterTests
{
    [Fact]
    public async Task WriteAsync_DescriptionNamingTheDataFolder_WritesIpfsPathInstead()
    {
        var settings = NodeSettings.FromEnvironment(new Hashtable { ["IPFS_PATH"] = "/srv/secret-layout/ipfs" }, []);
        using var services = new ServiceCollection().AddSingleton(settings).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        var entries = new Dictionary<string, HealthReportEntry>
        {
            ["transport"] = new(HealthStatus.Unhealthy, "Storage at '/srv/secret-layout/ipfs' failed: '/srv/secret-layout/ipfs/blocks' exists", TimeSpan.Zero, null, null),
        };

        await HealthResponseWriter.WriteAsync(context, new HealthReport(entries, TimeSpan.Zero));
        using var json = System.Text.Json.JsonDocument.Parse(body.ToArray());

        Assert.Equal(
            "Storage at '$IPFS_PATH' failed: '$IPFS_PATH/blocks' exists",
            json.RootElement.GetProperty("components").GetProperty("transport").GetProperty("description").GetString());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("disk full", "disk full")]
    [InlineData("cannot open '/srv/x/ipfs/pins.db'", "cannot open '$IPFS_PATH/pins.db'")]
    public void HidePath_ReadinessError_NeverNamesTheDataFolder(string? error, string? expected) =>
        Assert.Equal(expected, HealthResponseWriter.HidePath(error, "/srv/x/ipfs"));
}
