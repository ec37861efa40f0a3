using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

/// <summary>Identity CIDs carry their bytes: the store answers them from the CID, as Kubo does, and never stores them.</summary>
[Trait("Category", "Storage")]
public sealed class TieredBlockStoreIdentityTests : IDisposable
{
    private static readonly Cid Identity = Cid.Parse("bafkqaatine");
    private readonly string _folder = Directory.CreateTempSubdirectory("ipfskit-tiered-id-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task GetAsync_IdentityCid_ReturnsTheDigest()
    {
        using var store = await OpenAsync();

        var block = await store.GetRequiredAsync(Identity);

        Assert.Equal(Identity, block.Cid);
        Assert.Equal(Identity.Hash.Digest.ToArray(), block.Data.ToArray());
        Assert.True(await store.HasAsync(Identity));
    }

    [Fact]
    public async Task PutAsync_IdentityBlock_StoresNothing()
    {
        using var store = await OpenAsync();

        await store.PutAsync(Block.CreateVerified(Identity, Identity.Hash.Digest));

        Assert.Equal(0, store.Disk!.UsedBytes);
        Assert.Equal(0, store.Memory!.UsedBytes);
        Assert.True(await store.HasAsync(Identity));
    }

    private Task<TieredBlockStore> OpenAsync() =>
        TieredBlockStore.OpenAsync(new StorageOptions { Path = _folder, MaxMemory = ByteSize.FromMebibytes(1), MaxStorage = ByteSize.FromMebibytes(1), Fsync = false });
}
