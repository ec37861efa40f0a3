using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Testing.PeerRig;

namespace IpfsKit.Tests.Interop;

/// <summary>
/// The real peer is the judge: the same bytes added to the peer and to the IpfsKit importer give the same root CID.
/// CIDs are compared as values (the peer writes CIDv1 in base58btc).
/// </summary>
[Collection("IpfsPeer")]
[Trait("Category", "Interop")]
public sealed class ImporterInteropTests(IpfsPeerFixture fixture)
{
    private const int Chunk = 262_144;

    public static readonly int[] Sizes = [0, 1, Chunk - 1, Chunk, Chunk + 1, 174 * Chunk, (174 * Chunk) + 1, 10 * 1024 * 1024, 50 * 1024 * 1024];

    public static TheoryData<int, string> Matrix()
    {
        var data = new TheoryData<int, string>();
        foreach (var size in Sizes)
        {
            foreach (var setting in ImporterSettings.Matrix)
            {
                data.Add(size, setting.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task AddFile_SameBytesAndSettings_SameRootCidAsPeer(int size, string settingName)
    {
        var setting = ImporterSettings.Matrix.Single(s => s.Name == settingName);
        await AssertSameCidAsync(size, setting);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(3 * 1024 * 1024)]
    [InlineData((20 * 1024 * 1024) + 7)]
    public async Task AddFile_UnixFsV1Profile2025_SameRootCidAsPeer(int size) =>
        await AssertSameCidAsync(size, ImporterSettings.V1Profile2025);

    [Fact]
    public async Task AddFile_WrapWithDirectory_SameRootCidAsPeer()
    {
        var bytes = InteropData.Bytes(1000, 7);
        var peer = await fixture.Peer.AddAsync(new MemoryStream(bytes), "wrapped.bin", new Dictionary<string, string> { ["wrap-with-directory"] = "true" });
        var ours = await new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015 with { WrapWithDirectory = true })
            .AddFileAsync(new MemoryStream(bytes), "wrapped.bin");
        Assert.Equal(Cid.Parse(peer.Hash), ours.Cid);
    }

    private async Task AssertSameCidAsync(int size, ImporterSettings setting)
    {
        var bytes = InteropData.Bytes(size, seed: size ^ 0x5EED);
        var peer = await fixture.Peer.AddAsync(new MemoryStream(bytes), "file.bin", setting.Query);
        var ours = await new UnixFsImporter(null, setting.Options).AddFileAsync(new MemoryStream(bytes));

        Assert.Equal(Cid.Parse(peer.Hash), ours.Cid);
        Assert.Equal(ulong.Parse(peer.Size, System.Globalization.CultureInfo.InvariantCulture), ours.DagSize);
    }
}
