using IpfsKit.Blocks;
using IpfsKit.Content.Car;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content.Car;

public sealed class CarImporterTests
{
    [Fact]
    public async Task ImportAsync_SpecFixture_StoresEveryBlockAndReturnsRoots()
    {
        var store = new MemoryBlockStore();

        var roots = await CarImporter.ImportAsync(new MemoryStream(CarTestData.SpecCarv1Basic), store);

        Assert.Equal(CarTestData.SpecRoots, roots);
        Assert.Equal(8, store.Count);
        foreach (var cid in CarTestData.SpecBlocks)
        {
            Assert.True(await store.HasAsync(cid), $"{cid} was not stored");
        }
    }

    [Fact]
    public async Task ImportAsync_CorruptLastBlock_ThrowsIntegrityAndStoresOnlyTheBlocksBeforeIt()
    {
        var store = new MemoryBlockStore();
        var car = CarTestData.Flip(CarTestData.SpecCarv1Basic, CarTestData.SpecCarv1Basic.Length - 1);

        var error = await Assert.ThrowsAsync<IpfsKitIntegrityException>(() => CarImporter.ImportAsync(new MemoryStream(car), store));

        Assert.Equal(CarTestData.SpecBlocks[7], error.Cid);
        Assert.Equal(7, store.Count);
        Assert.False(await store.HasAsync(CarTestData.SpecBlocks[7]));
    }

    [Fact]
    public async Task ImportAsync_WithOptions_AppliesTheirLimits()
    {
        var options = new CarReaderOptions { MaxBlockSize = 60 };

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarImporter.ImportAsync(new MemoryStream(CarTestData.SpecCarv1Basic), new MemoryBlockStore(), options));

        Assert.Contains("MaxBlockSize (60)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_ExportedDag_RoundTripsIntoAnotherStore()
    {
        var source = await CarTestData.SpecStoreAsync();
        var car = new MemoryStream();
        await CarExporter.WriteDagAsync(source, CarTestData.SpecBlocks[1], car);
        car.Position = 0;
        var copy = new MemoryBlockStore();

        var roots = await CarImporter.ImportAsync(car, copy);

        Assert.Equal([CarTestData.SpecBlocks[1]], roots);
        Assert.Equal(6, copy.Count);
    }
}
