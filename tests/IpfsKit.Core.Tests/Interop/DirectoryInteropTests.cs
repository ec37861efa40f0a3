using System.Text;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Testing.PeerRig;

namespace IpfsKit.Tests.Interop;

/// <summary>Directory trees give the peer's root CID: nesting, an empty directory, unicode names, and a HAMT shard.</summary>
[Collection("IpfsPeer")]
[Trait("Category", "Interop")]
public sealed class DirectoryInteropTests(IpfsPeerFixture fixture)
{
    [Theory]
    [InlineData("defaults")]
    [InlineData("cidv1+raw-leaves")]
    public async Task AddTree_NestedEmptyAndUnicode_SameRootCidAsPeer(string settingName)
    {
        var setting = ImporterSettings.Matrix.Single(s => s.Name == settingName);
        // Directories come before their contents in the multipart body, as the peer needs.
        PeerAddEntry[] tree =
        [
            new("tree", null),
            new("tree/empty", null),
            new("tree/nested", null),
            new("tree/nested/deeper", null),
            new("tree/a.txt", Encoding.UTF8.GetBytes("a\n")),
            new("tree/Z upper.txt", Encoding.UTF8.GetBytes("Z\n")),
            new("tree/\u00fcn\u00ef c\u00f6d\u00e9 \u65e5\u672c.txt", Encoding.UTF8.GetBytes("unicode\n")),
            new("tree/nested/b.bin", InteropData.Bytes(300_000, 3)),
            new("tree/nested/deeper/c.txt", Encoding.UTF8.GetBytes("c\n")),
        ];

        var peer = await fixture.Peer.AddDirectoryAsync(tree, setting.Query);
        var ours = await new UnixFsImporter(null, setting.Options).AddAsync(ToEntries(tree));

        Assert.Equal("tree", peer[^1].Name);
        Assert.Equal(Cid.Parse(peer[^1].Hash), ours.Cid);
    }

    [Fact]
    public async Task AddTree_OverKubosShardingThreshold_SameHamtRootAsPeer()
    {
        // 6,000 entries: Kubo's estimate (name + CID bytes = 48 each, 288,000 in all) is over 256 KiB, so Kubo shards.
        // js-ipfs shards by entry count when asked (shard-split-threshold), so both build a HAMT of the same entries.
        var tree = new List<PeerAddEntry> { new("big", null) };
        tree.AddRange(Enumerable.Range(1, 6000).Select(i => new PeerAddEntry($"big/file-{i:D5}.txt", Encoding.UTF8.GetBytes($"file-{i:D5}\n"))));

        var peer = await fixture.Peer.AddDirectoryAsync(tree, new Dictionary<string, string> { ["shard-split-threshold"] = "1000" });
        var ours = await new UnixFsImporter(null).AddAsync(ToEntries(tree));

        Assert.Equal(Cid.Parse(peer[^1].Hash), ours.Cid);
    }

    private static IEnumerable<ImportEntry> ToEntries(IEnumerable<PeerAddEntry> tree) =>
        tree.Select(e => e.Content is null ? ImportEntry.Directory(e.Path) : ImportEntry.File(e.Path, e.Content));
}
