using System.Net.Http.Headers;
using IpfsKit.DependencyInjection;
using IpfsKit.Tests.Facade;
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

        await PathScenario.RunAsync(provider.GetRequiredService<IIpfsKit>(), _work, output);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
