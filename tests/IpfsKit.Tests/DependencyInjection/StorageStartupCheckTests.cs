using IpfsKit.Errors;
using IpfsKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IpfsKit.Tests.DependencyInjection;

/// <summary>
/// The storage folder is checked when the host starts (real folders and files): a bad <c>Storage.Path</c> fails the
/// start with a typed error naming it, not the first call; a good one starts and is created.
/// </summary>
[Trait("Category", "Storage")]
public sealed class StorageStartupCheckTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ipfskit-startup-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Theory]
    [InlineData("a-file")]
    [InlineData("a-file/below")]
    public async Task HostStart_StoragePathBlockedByAFile_FailsNamingThePath(string relative)
    {
        await File.WriteAllTextAsync(Path.Combine(_scratch.FullName, "a-file"), "not a folder");
        var path = Path.Combine(_scratch.FullName, relative);
        using var host = Build(path);

        var ex = await Assert.ThrowsAsync<IpfsKitStorageException>(() => host.StartAsync());

        Assert.Contains(Path.GetFullPath(path), ex.Message, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(path), ex.Path);
    }

    [Fact]
    public async Task HostStart_NewStoragePath_StartsWithTheFolderCreated()
    {
        var path = Path.Combine(_scratch.FullName, "data", "node");
        using var host = Build(path);

        await host.StartAsync();

        Assert.True(Directory.Exists(path));
        await host.StopAsync();
    }

    [Fact]
    public async Task HostStart_KeyedClientWithBadPath_FailsNamingItsPath()
    {
        var file = Path.Combine(_scratch.FullName, "archive-file");
        await File.WriteAllTextAsync(file, "not a folder");
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Services.AddIpfsKit();
        builder.Services.AddKeyedIpfsKit("archive").UseEmbeddedNode(s => s.Path = file);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<IpfsKitStorageException>(() => host.StartAsync());

        Assert.Equal(file, ex.Path);
    }

    private static IHost Build(string storagePath)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Services.AddIpfsKit().UseEmbeddedNode(s =>
        {
            s.Path = storagePath;
            s.MaxMemory = ByteSize.FromMebibytes(8);
        });
        return builder.Build();
    }
}
