using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Node.Tests;

/// <summary>The library's Kubo RPC transport pointed at an IpfsKit host sees it as it sees Kubo (real host process).</summary>
[Trait("Category", "Host")]
public sealed class KuboStatusTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task GetStatus_KuboRpcAtAnIpfsKitHost_IsOnlineWithTheHostsIdentity()
    {
        var services = new ServiceCollection();
        services.AddIpfsKit().UseKuboRpc(new Uri($"http://127.0.0.1:{fixture.Host.Port}/"), http =>
            http.ConfigureHttpClient(c => c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostFixture.Token)));
        await using var provider = services.BuildServiceProvider();
        var ipfs = provider.GetRequiredService<IIpfsKit>();

        var status = await ipfs.GetStatusAsync();

        Assert.True(status.IsOnline, status.Error);
        using var id = await fixture.Host.Client.PostAsync(new Uri("api/v0/id", UriKind.Relative), null);
        using var body = JsonDocument.Parse(await id.Content.ReadAsStringAsync());
        Assert.Equal(body.RootElement.GetProperty("ID").GetString(), status.Identity!.Id);
        Assert.NotNull(status.Repo);
    }

    [Fact]
    public async Task SwarmAddrsLocal_AnswersKubosShape()
    {
        using var response = await fixture.Host.Client.PostAsync(new Uri("api/v0/swarm/addrs/local?id=true", UriKind.Relative), null);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("Strings").ValueKind);
    }
}
