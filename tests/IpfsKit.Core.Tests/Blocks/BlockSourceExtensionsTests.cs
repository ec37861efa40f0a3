using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Blocks;

public sealed class BlockSourceExtensionsTests
{
    [Fact]
    public async Task GetRequiredAsync_Present_ReturnsTheBlock()
    {
        var store = new MemoryBlockStore();
        var block = Block.Create("x"u8.ToArray());
        await store.PutAsync(block);

        Assert.Same(block, await store.GetRequiredAsync(block.Cid));
    }

    [Fact]
    public async Task GetRequiredAsync_Missing_ThrowsBlockNotFoundWithCid()
    {
        var cid = Cid.Compute(Multicodec.Raw, "missing"u8);

        var error = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => new MemoryBlockStore().GetRequiredAsync(cid).AsTask());

        Assert.Equal(cid, error.Cid);
        Assert.Contains(cid.ToString(), error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IpfsKitException>(error);
    }

    [Fact]
    public async Task GetRequiredAsync_Cancelled_ThrowsOperationCanceledUnwrapped()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new MemoryBlockStore().GetRequiredAsync(Cid.Compute(Multicodec.Raw, "x"u8), cts.Token).AsTask());
    }

    [Fact]
    public async Task GetRequiredAsync_NullSource_ThrowsArgumentNull() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => ((IBlockSource)null!).GetRequiredAsync(default).AsTask());
}
