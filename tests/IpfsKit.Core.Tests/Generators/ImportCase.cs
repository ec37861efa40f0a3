using FsCheck;
using FsCheck.Fluent;
using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Tests.Generators;

/// <summary>A random file and random importer settings (small chunks and fanouts, so trees get deep), imported into a store.</summary>
internal sealed record ImportCase(int Size, int ChunkSize, int MaxLinks, bool Trickle, bool RawLeaves, int Seed)
{
    public static Gen<ImportCase> Gen(int maxSize, int maxChunk, int maxLinks) =>
        from size in FsCheck.Fluent.Gen.Choose(0, maxSize)
        from chunk in FsCheck.Fluent.Gen.Choose(1, maxChunk)
        from links in FsCheck.Fluent.Gen.Choose(2, maxLinks)
        from trickle in ArbMap.Default.GeneratorFor<bool>()
        from raw in ArbMap.Default.GeneratorFor<bool>()
        from seed in ArbMap.Default.GeneratorFor<int>()
        select new ImportCase(size, chunk, links, trickle, raw, seed);

    public ImportOptions Options => ImportOptions.UnixFsV0Of2015 with
    {
        ChunkSize = ChunkSize, MaxLinks = MaxLinks, CidVersion = RawLeaves ? 1 : 0, RawLeaves = RawLeaves,
        Layout = Trickle ? DagLayout.Trickle : DagLayout.Balanced,
    };

    public byte[] Data()
    {
        var data = new byte[Size];
        new Random(Seed).NextBytes(data);
        return data;
    }

    public ImportResult Import(byte[] data, MemoryBlockStore store) =>
        new UnixFsImporter(store, Options).AddFileAsync(new MemoryStream(data)).GetAwaiter().GetResult();
}
