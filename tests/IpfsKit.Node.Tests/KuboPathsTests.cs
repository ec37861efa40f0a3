using System.Net.Http.Headers;
using System.Text.Json;
using IpfsKit.Testing.Facade;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests;

/// <summary>IPFS paths, text and directory adds through the Kubo RPC transport at an IpfsKit host (real host process).</summary>
[Trait("Category", "Host")]
public sealed class KuboPathsTests(HostFixture fixture, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ipfskit-kubo-paths-").FullName;

    [Fact]
    public async Task Paths_KuboRpcAtAnIpfsKitHost_ResolveThroughDirectoriesAndHamt()
    {
        var services = new ServiceCollection();
        services.AddIpfsKit().UseKuboRpc(new Uri($"http://127.0.0.1:{fixture.Host.Port}/"), http =>
            http.ConfigureHttpClient(c => c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostFixture.Token)));
        await using var provider = services.BuildServiceProvider();

        var root = await PathScenario.RunAsync(provider.GetRequiredService<IIpfsKit>(), _work, output);

        // The host's own cat takes paths too, as Kubo's does (Ipfs.Http.Client's ReadAllTextAsync("<cid>/a/b") sends one).
        using var cat = await fixture.Host.Client.PostAsync(new Uri($"api/v0/cat?arg=/ipfs/{root}/many/entry-03.txt", UriKind.Relative), null);
        using var missing = await fixture.Host.Client.PostAsync(new Uri($"api/v0/cat?arg={root}/nope", UriKind.Relative), null);
        using var malformed = await fixture.Host.Client.PostAsync(new Uri($"api/v0/cat?arg={root}/a/../b", UriKind.Relative), null);
        Assert.Equal("entry 3\n", await cat.Content.ReadAsStringAsync());
        Assert.Equal(500, (int)missing.StatusCode); // as Kubo answers "no link named"
        using var error = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Contains("no link named \"nope\"", error.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, (int)malformed.StatusCode);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
