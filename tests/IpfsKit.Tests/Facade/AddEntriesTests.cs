using System.Runtime.CompilerServices;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Tests.Facade;

/// <summary>The facade's add of a stream of entries (the host's multipart add) and its block store, on the embedded node.</summary>
[Trait("Category", "Transport")]
public sealed class AddEntriesTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ipfskit-add-entries-").FullName;
    private ServiceProvider _provider = null!;

    private IIpfsKit Ipfs => _provider.GetRequiredService<IIpfsKit>();

    public Task InitializeAsync()
    {
        _provider = new ServiceCollection().AddIpfsKit().UseEmbeddedNode(s => s.Path = _folder).Services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AddEntriesAsync_Directory_ResultsInOrderRootLastAfterItsPin()
    {
        var seen = new List<(string Name, bool RootPinned)>();
        Cid? root = null;

        var roots = await Ipfs.AddEntriesAsync(
            Entries(ImportEntry.Directory("docs"), ImportEntry.File("docs/a.txt", "a"u8.ToArray()), ImportEntry.File("docs/b.txt", "b"u8.ToArray())),
            async (result, ct) =>
            {
                root ??= result.Name == "docs" ? result.Cid : null;
                var pinned = await Ipfs.ListPinsAsync(PinMode.Recursive, ct).AnyAsync(p => p.Cid == result.Cid, ct);
                seen.Add((result.Name, pinned));
            });

        Assert.Equal([("docs/a.txt", false), ("docs/b.txt", false), ("docs", true)], seen);
        Assert.Equal(root, Assert.Single(roots));
        var blocks = await Ipfs.GetBlockStoreAsync();
        Assert.NotNull(await blocks.Local.GetAsync(root!.Value));
    }

    [Fact]
    public async Task AddEntriesAsync_EntriesFailMidway_PinsNothingAndLeavesNoNewBlock()
    {
        var file = await Ipfs.AddTextAsync("already here", AddOptions.Default with { Pin = false });
        var seen = new List<Cid>();

        await Assert.ThrowsAsync<IOException>(() => Ipfs.AddEntriesAsync(
            Failing(ImportEntry.File("new.txt", "only in the failed add"u8.ToArray()), ImportEntry.File("old.txt", "already here"u8.ToArray())),
            (result, _) =>
            {
                seen.Add(result.Cid);
                return ValueTask.CompletedTask;
            }));

        var blocks = await Ipfs.GetBlockStoreAsync();
        var fresh = Assert.Single(seen);
        Assert.Empty(await Ipfs.ListPinsAsync().ToListAsync());
        Assert.Null(await blocks.Local.GetAsync(fresh));
        Assert.NotNull(await blocks.Local.GetAsync(file.Cid));
    }

    private static async IAsyncEnumerable<ImportEntry> Entries(params ImportEntry[] entries)
    {
        foreach (var entry in entries)
        {
            await Task.Yield();
            yield return entry;
        }
    }

    private static async IAsyncEnumerable<ImportEntry> Failing(ImportEntry first, ImportEntry second, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return first;
        yield return second;
        cancellationToken.ThrowIfCancellationRequested();
        throw new IOException("the request body was cut");
    }
}
