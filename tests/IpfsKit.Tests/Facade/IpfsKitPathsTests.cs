using IpfsKit.Storage;
using IpfsKit.Testing.Facade;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IpfsKit.Tests.Facade;

/// <summary>IPFS paths, text and directory adds through the facade on the embedded node.</summary>
[Trait("Category", "Transport")]
public sealed class IpfsKitPathsTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ipfskit-paths-").FullName;

    [Fact]
    public async Task Paths_EmbeddedNode_ResolveThroughDirectoriesAndHamt()
    {
        await using var services = new ServiceCollection().AddIpfsKit().UseEmbeddedNode(s => s.MaxMemory = ByteSize.FromMebibytes(64)).Services.BuildServiceProvider();

        await PathScenario.RunAsync(services.GetRequiredService<IIpfsKit>(), _work, output);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
