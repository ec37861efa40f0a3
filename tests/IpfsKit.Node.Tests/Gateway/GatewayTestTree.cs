using System.Globalization;
using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Tests.Interop.PeerRig;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// A class fixture: a host process with its gateway on a free loopback port, and a folder tree on disk added through
/// the host's <c>/api/v0/add</c> (Kubo's directory form, Kubo's default import): what the foreign-client tests read back.
/// </summary>
public sealed class GatewayTestTree : IAsyncLifetime
{
    /// <summary>The test image's size: odd numbers, so a default or guessed size cannot match by chance.</summary>
    public const int ImageWidth = 37;

    public const int ImageHeight = 21;

    private HostProcess? _host;

    internal HostProcess Host => _host ?? throw new InvalidOperationException("not started");

    /// <summary>Gets the gateway's base URL, no trailing slash.</summary>
    public string Gateway { get; private set; } = string.Empty;

    /// <summary>Gets a temporary folder: the original tree is <c>Scratch/tree</c>; clients write beside it.</summary>
    public string Scratch { get; } = Directory.CreateTempSubdirectory("ipfskit-gwc-").FullName;

    public string Tree => Path.Combine(Scratch, "tree");

    /// <summary>Gets the CID the host answered for each added path (<c>tree</c>, <c>tree/big.bin</c>, …).</summary>
    public IReadOnlyDictionary<string, string> Cids { get; private set; } = new Dictionary<string, string>();

    public string RootCid => Cids["tree"];

    /// <summary>Gets the CID of <c>big.bin</c> added again alone with <c>cid-version=1</c> (raw leaves).</summary>
    public string BigV1Cid { get; private set; } = string.Empty;

    /// <summary>Starts a host with its gateway and adds the test tree through it.</summary>
    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartReadyAsync(extra: new Dictionary<string, string> { ["IPFS_KIT_GATEWAY_HOST"] = "127.0.0.1" });
        Gateway = $"http://127.0.0.1:{_host.GatewayPort}";
        var entries = WriteTree(Tree);
        using var client = new PeerClient(new Uri($"http://127.0.0.1:{_host.Port}/"));
        var added = await client.AddDirectoryAsync(entries);
        Cids = added.ToDictionary(a => a.Name, a => a.Hash);
        await using var big = File.OpenRead(Path.Combine(Tree, "big.bin"));
        BigV1Cid = (await client.AddAsync(big, "big.bin", new Dictionary<string, string> { ["cid-version"] = "1" })).Hash;
    }

    /// <summary>The distinct blocks of the tree's DAG, as Kubo's default import makes them (what a full CAR must hold).</summary>
    public async Task<HashSet<string>> ExpectedBlocksAsync(string relative = "")
    {
        var store = new MemoryBlockStore();
        await new UnixFsImporter(store, ImportOptions.UnixFsV0Of2015).AddPathAsync(Path.Combine(Tree, relative));
        var cids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var cid in store.EnumerateAsync())
        {
            cids.Add(cid.ToString());
        }

        return cids;
    }

    /// <summary>Asserts that two folder trees hold the same folders and the same files, byte for byte.</summary>
    public static void AssertSameTree(string expected, string actual)
    {
        static string[] Entries(string root) => Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p) + (Directory.Exists(p) ? "/" : string.Empty))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(Entries(expected), Entries(actual));
        foreach (var file in Entries(expected).Where(e => !e.EndsWith('/')))
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))),
                $"{file} differs from the original");
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(Scratch, recursive: true);
    }

    /// <summary>
    /// Gets the names in <c>tree/many</c>: 1,200 links of 200-character names and 34-byte CIDs estimate at 280,800 bytes,
    /// above Kubo's 256 KiB threshold, so the folder is a HAMT-sharded directory. The files all hold the same bytes (one
    /// leaf block), which keeps the raw client's round trips few.
    /// </summary>
    public static IReadOnlyList<string> ManyNames { get; } =
        Enumerable.Range(0, 1200).Select(i => "f" + i.ToString("D4", CultureInfo.InvariantCulture) + new string('x', 195)).ToArray();

    /// <summary>Writes the tree and returns it as add entries, each folder before its contents.</summary>
    private static List<PeerAddEntry> WriteTree(string root)
    {
        var big = new byte[1_000_001]; // four 256 KiB chunks, the last one short
        new Random(15).NextBytes(big);
        var files = new (string Path, byte[] Content)[]
        {
            ("hello.txt", "hello world\n"u8.ToArray()),
            ("pic.png", TestPng.Create(ImageWidth, ImageHeight)),
            ("big.bin", big),
            ("ünï cödé.txt", "names are escaped\n"u8.ToArray()),
            ("sub/empty.txt", []),
            ("sub/deeper/note.md", "# deep\n"u8.ToArray()),
            ("site/index.html", """
                <!doctype html><html><head><meta charset="utf-8"><title>IpfsKit test site</title></head>
                <body><h1>A site on IPFS</h1><img src="pic.png" alt="gradient"><p><a href="pages/about.html">About</a></p></body></html>
                """u8.ToArray()),
            ("site/pic.png", TestPng.Create(ImageWidth, ImageHeight)),
            ("site/pages/about.html", """
                <!doctype html><html><head><meta charset="utf-8"><title>About</title></head>
                <body><p>Served by the path gateway.</p><a href="../">Home</a></body></html>
                """u8.ToArray()),
        };
        string[] folders = ["tree", "tree/sub", "tree/sub/deeper", "tree/empty", "tree/many", "tree/site", "tree/site/pages"];
        var entries = folders.Select(f => new PeerAddEntry(f, null)).ToList();
        foreach (var folder in entries)
        {
            Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(root)!, folder.Path));
        }

        foreach (var (path, content) in files.Concat(ManyNames.Select(n => ("many/" + n, "same\n"u8.ToArray()))))
        {
            File.WriteAllBytes(Path.Combine(root, path), content);
            entries.Add(new PeerAddEntry("tree/" + path, content));
        }

        return entries;
    }
}
