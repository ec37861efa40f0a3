using System.Net;
using System.Text.Json;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>A leecher host whose master is not running (a free port nobody listens on).</summary>
[Trait("Category", "Roles")]
[Trait("Category", "Host")]
public sealed class LeecherHostTests
{
    [Fact]
    public async Task Add_MasterDownAndOutboxFull_Answers503AndHealthIsDegraded()
    {
        var environment = RoleCluster.RoleEnvironment("leecher", new Uri($"http://127.0.0.1:{FreePorts.Next()}/"));
        environment["IpfsKit__Roles__MaxOfflineQueue"] = "2";
        await using var leecher = await HostProcess.StartReadyAsync(RoleCluster.Token, environment, ["--api"]);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent([(byte)i, 1, 2, 3]), "file", "reading" } };
            using var response = await leecher.Client.PostAsync(new Uri("api/v0/add", UriKind.Relative), form);
            statuses.Add(response.StatusCode);
            if (i == 2)
            {
                using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Contains("2", error.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], statuses);
        using var health = JsonDocument.Parse(await leecher.Client.GetStringAsync(new Uri("health", UriKind.Relative)));
        Assert.Equal("degraded", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("degraded", health.RootElement.GetProperty("components").GetProperty("masterLink").GetProperty("status").GetString());
    }
}
