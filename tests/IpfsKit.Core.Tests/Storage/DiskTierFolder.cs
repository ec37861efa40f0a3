using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Testing;

namespace IpfsKit.Tests.Storage;

/// <summary>A <see cref="TempFolder"/> holding a disk tier, with the paths the tier's layout gives each block.</summary>
internal sealed class DiskTierFolder : IDisposable
{
    private readonly TempFolder _folder = new("ipfskit-disk-");

    public string Path => _folder.Path;

    public string Blocks => System.IO.Path.Combine(Path, "blocks");

    public string Temp => System.IO.Path.Combine(Path, "tmp");

    /// <summary>Gets the expected data file of a block: blocks/XY/name.data, name = base32 without the multibase prefix.</summary>
    public string DataFile(Cid cid)
    {
        var name = Multibase.EncodeWithoutPrefix(MultibaseEncoding.Base32, cid.ToBytes());
        return System.IO.Path.Combine(Blocks, name[^3..^1], name + ".data");
    }

    public string PinFile(Cid cid) => System.IO.Path.ChangeExtension(DataFile(cid), ".pin");

    public IEnumerable<string> DataFiles() =>
        Directory.Exists(Blocks) ? Directory.EnumerateFiles(Blocks, "*.data", SearchOption.AllDirectories) : [];

    public IEnumerable<string> TempFiles() => Directory.Exists(Temp) ? Directory.EnumerateFiles(Temp) : [];

    public static Block RandomBlock(Random random, int size)
    {
        var bytes = new byte[size];
        random.NextBytes(bytes);
        return Block.Create(bytes);
    }

    public void Dispose() => _folder.Dispose();
}
