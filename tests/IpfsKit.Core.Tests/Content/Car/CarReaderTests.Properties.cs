using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.Car;

public sealed partial class CarReaderTests
{
    private static readonly TimeSpan FuzzTimeout = TimeSpan.FromSeconds(10);

    private static Gen<Block> AnyBlock =>
        from data in ContentGen.Bytes(2000)
        from kind in Gen.Choose(0, 3)
        select kind switch
        {
            0 => Block.Create(data),
            1 => Block.Create(data, Multicodec.DagPb, version: 0),
            2 => Block.Create(data, Multicodec.DagCbor, hashFunction: Multicodec.Sha512),
            _ => Block.Create(data, Multicodec.Raw, hashFunction: Multicodec.Identity),
        };

    [Property(MaxTest = 100)]
    public Property ReadBlocksAsync_WrittenByCarWriter_SameRootsAndBlocksInOrder() =>
        Prop.ForAll(
            Gen.ListOf(ContentGen.Cid).Select(r => r.Take(3).ToList()).ToArbitrary(),
            Gen.ListOf(AnyBlock).ToArbitrary(),
            Gen.Choose(1, 300).ToArbitrary(),
            (roots, blocks, chunk) =>
            {
                var car = CarTestData.WriteAsync(roots, blocks).GetAwaiter().GetResult();

                var content = CarTestData.ReadAllAsync(new ChunkedReadStream(car, chunk)).GetAwaiter().GetResult();

                Assert.Equal(roots, content.Roots);
                Assert.Equal(blocks.Select(b => b.Cid), content.Blocks.Select(b => b.Cid));
                Assert.Equal(blocks.Select(b => b.Data.ToArray()), content.Blocks.Select(b => b.Data.ToArray()));
            });

    [Property(MaxTest = 300)]
    public bool ReadBlocksAsync_RandomBytes_EndsTypedWithinTimeout(byte[] bytes) => EndsTypedWithinTimeout(bytes);

    [Property(MaxTest = 300)]
    public bool ReadBlocksAsync_ValidHeaderThenRandomBytes_EndsTypedWithinTimeout(byte[] bytes) =>
        EndsTypedWithinTimeout([.. CarTestData.SpecCarv1Basic[..CarTestData.SpecSectionOffsets[0]], .. bytes]);

    [Property(MaxTest = 300)]
    public Property ReadBlocksAsync_MutatedValidCar_EndsTypedWithinTimeout() =>
        Prop.ForAll(
            ContentGen.Mutated(Gen.OneOf(
                Gen.Constant(CarTestData.SpecCarv1Basic),
                Gen.ListOf(AnyBlock).Select(bs => CarTestData.WriteAsync([Cid.Compute(Multicodec.Raw, "r"u8)], bs).GetAwaiter().GetResult()))).ToArbitrary(),
            EndsTypedWithinTimeout);

    /// <summary>
    /// Reads hostile bytes (a few bytes a read, so the pipe reassembles) under a cancellation timeout: the read must
    /// finish, with success or a typed IpfsKit exception, before the token fires.
    /// </summary>
    private static bool EndsTypedWithinTimeout(byte[] car)
    {
        using var timeout = new CancellationTokenSource(FuzzTimeout);
        var run = Task.Run(() => CarTestData.ReadAllAsync(new ChunkedReadStream(car, 13), null, timeout.Token));
        var completed = Task.WhenAny(run, Task.Delay(FuzzTimeout * 2)).GetAwaiter().GetResult() == run;

        Assert.True(completed, "the reader ignored its cancellation token and did not finish (hang)");
        return run.Exception?.InnerException switch
        {
            null => true,
            IpfsKitFormatException ex when ex.Subject == "CAR" => true,
            IpfsKitIntegrityException => true,
            OperationCanceledException => throw new Xunit.Sdk.XunitException($"the reader did not finish within {FuzzTimeout}"),
            var other => throw new Xunit.Sdk.XunitException($"the reader threw {other.GetType().Name}: {other.Message}"),
        };
    }
}
