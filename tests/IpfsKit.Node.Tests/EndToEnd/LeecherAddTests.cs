using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>A multi-part add on a leecher keeps the leecher's add semantics for every root: pinned locally and queued for the master.</summary>
[Trait("Category", "Roles")]
[Trait("Category", "Host")]
public sealed class LeecherAddTests
{
    [Fact]
    public async Task MultiFileAdd_OnLeecher_PinsEachRootLocallyAndQueuesItsPin()
    {
        var environment = RoleCluster.RoleEnvironment("leecher", new Uri($"http://127.0.0.1:{FreePorts.Next()}/"));
        await using var leecher = await HostProcess.StartReadyAsync(RoleCluster.Token, environment, ["--api"]);
        using var form = new MultipartFormDataContent();
        foreach (var name in new[] { "one.txt", "two.txt" })
        {
            var part = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("content of " + name));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", name);
        }

        using var response = await leecher.Client.PostAsync(new Uri("api/v0/add", UriKind.Relative), form);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var roots = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Hash").GetString()).Order(StringComparer.Ordinal);
        using var pins = JsonDocument.Parse(await (await leecher.Client.PostAsync(new Uri("api/v0/pin/ls?type=recursive", UriKind.Relative), null)).Content.ReadAsStringAsync());
        Assert.Equal(roots, pins.RootElement.GetProperty("Keys").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        using var outbox = JsonDocument.Parse(await (await leecher.Client.PostAsync(new Uri("api/v0/outbox/ls", UriKind.Relative), null)).Content.ReadAsStringAsync());
        Assert.Equal(2, outbox.RootElement.GetProperty("Queued").GetInt32());
    }
}
