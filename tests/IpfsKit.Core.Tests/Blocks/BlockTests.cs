using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Tests.Blocks;

public sealed class BlockTests
{
    [Fact]
    public void CreateVerified_MatchingBytes_Block()
    {
        var cid = Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");

        Assert.Equal(12, Block.CreateVerified(cid, "hello world\n"u8.ToArray()).Size);
    }

    [Fact]
    public void CreateVerified_OtherBytes_ThrowsIntegrityNamingCid()
    {
        var cid = Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");

        var error = Assert.Throws<IpfsKitIntegrityException>(() => Block.CreateVerified(cid, "hello world!"u8.ToArray()));
        Assert.Equal(cid, error.Cid);
        Assert.Contains(cid.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemoryStore_PutGetHasDeleteEnumerate()
    {
        var store = new MemoryBlockStore();
        var block = Block.Create("x"u8.ToArray());

        Assert.Null(await store.GetAsync(block.Cid));
        await store.PutAsync(block);
        await store.PutAsync(block);

        Assert.True(await store.HasAsync(block.Cid));
        Assert.Same(block, await store.GetAsync(block.Cid));
        Assert.Equal([block.Cid], await store.EnumerateAsync().ToListAsync());
        Assert.True(await store.DeleteAsync(block.Cid));
        Assert.False(await store.DeleteAsync(block.Cid));
        var error = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => store.GetRequiredAsync(block.Cid).AsTask());
        Assert.Equal(block.Cid, error.Cid);
    }
}
