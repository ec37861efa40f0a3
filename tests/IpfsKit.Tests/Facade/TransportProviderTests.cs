using IpfsKit.Errors;
using IpfsKit.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Tests.Facade;

/// <summary>The transport opens on first use; a failed open is not kept for the process's life (real folders).</summary>
[Trait("Category", "Storage")]
public sealed class TransportProviderTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ipfskit-open-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public async Task Open_FailsThenTheFolderIsFixed_NextCallOpens()
    {
        var blocked = Path.Combine(_scratch.FullName, "blocks");
        await File.WriteAllTextAsync(blocked, "a file where the block folder goes");
        await using var services = new ServiceCollection().AddIpfsKit().UseEmbeddedNode(s =>
        {
            s.Path = _scratch.FullName;
            s.MaxMemory = ByteSize.FromMebibytes(8);
        }).Services.BuildServiceProvider();
        var ipfs = services.GetRequiredService<IIpfsKit>();

        var first = await Assert.ThrowsAsync<IpfsKitStorageException>(() => ipfs.AddAsync(new MemoryStream("hello world\n"u8.ToArray())));
        Assert.Contains(_scratch.FullName, first.Message, StringComparison.Ordinal);
        File.Delete(blocked);
        var added = await ipfs.AddAsync(new MemoryStream("hello world\n"u8.ToArray()));

        Assert.Equal("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", added.Cid.ToString());
    }
}
