using IpfsKit.Backup;
using IpfsKit.Content;
using IpfsKit.Storage;
using IpfsKit.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Tests.Backup;

/// <summary>The backup service on two embedded nodes (real folders), without the host.</summary>
[Trait("Category", "Storage")]
public sealed class PinBackupTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ipfskit-backup-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public async Task WriteCarThenImport_TwoDagsAnInlineRootAndAMissingRoot_OtherNodeHoldsAndPinsTheGoodOnes()
    {
        await using var from = Node("from");
        await using var to = Node("to");
        var source = new PinBackup(from.GetRequiredService<IIpfsKit>());
        var a = await from.GetRequiredService<IIpfsKit>().AddAsync(new MemoryStream(new byte[600_000]));
        var b = await from.GetRequiredService<IIpfsKit>().AddAsync(new MemoryStream("b"u8.ToArray()));
        var inline = Cid.Parse("bafkqaatine");
        var missing = Cid.Compute(Multicodec.Raw, "never added"u8);

        var roots = await source.CheckRootsAsync([a.Cid, b.Cid, inline, missing, a.Cid]);
        var car = new MemoryStream();
        var written = await source.WriteCarAsync(roots, car);
        car.Position = 0;
        var target = new PinBackup(to.GetRequiredService<IIpfsKit>());
        var imported = await target.ImportCarAsync(car);
        var pinned = await target.PinRootsAsync(imported.Roots);

        Assert.Equal([a.Cid, b.Cid, inline], roots.Kept);
        Assert.Equal(missing, Assert.Single(roots.Skipped).Cid);
        Assert.Equal("block not found", roots.Skipped[0].Reason);
        Assert.Equal([a.Cid, b.Cid, inline], imported.Roots);
        Assert.Equal(written, imported.Blocks);
        Assert.All(pinned, p => Assert.Equal("", p.Error));
        var copy = new MemoryStream();
        await using (var read = await to.GetRequiredService<IIpfsKit>().CatAsync(a.Cid))
        {
            await read.CopyToAsync(copy);
        }

        Assert.Equal(600_000, copy.Length);
        Assert.Equal(await source.CumulativeSizeAsync(a.Cid), await target.CumulativeSizeAsync(a.Cid));
    }

    [Fact]
    public void BackupPinList_FormatThenParse_SortedRecursiveAndDirectOnly()
    {
        var x = Cid.Compute(Multicodec.Raw, "x"u8);
        var y = Cid.Compute(Multicodec.Raw, "y"u8);

        var lines = BackupPinList.Format([new(y, PinMode.Direct), new(x, PinMode.Indirect), new(x, PinMode.Recursive)]);

        Assert.Equal(new[] { x, y }.Select(c => c.ToString()).Order(StringComparer.Ordinal), lines.Select(l => l.Split(' ')[0]));
        Assert.True(BackupPinList.TryParseLine(lines[0], out var first));
        Assert.False(BackupPinList.TryParseLine("  ", out _));
        Assert.Throws<FormatException>(() => BackupPinList.TryParseLine($"{x} sideways", out _));
        Assert.Contains(first, new PinEntry[] { new(x, PinMode.Recursive), new(y, PinMode.Direct) });
    }

    private ServiceProvider Node(string name) =>
        new ServiceCollection().AddIpfsKit().UseEmbeddedNode(s =>
        {
            s.Path = Path.Combine(_scratch.FullName, name);
            s.MaxMemory = ByteSize.FromMebibytes(8);
        }).Services.BuildServiceProvider();
}
