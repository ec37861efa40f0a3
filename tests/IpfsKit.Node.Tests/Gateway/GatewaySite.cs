using System.Net.Http.Headers;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// The content the gateway tests read: built here with the library's importer (so the expected bytes and CIDs are known
/// without asking the host), then imported into a host through <c>/api/v0/dag/import</c>.
/// </summary>
internal sealed class GatewaySite
{
    /// <summary>The PNG every test that needs an image uses: 3 × 2 pixels (a browser reports its natural size).</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8AAQQxwFgBB0gX7h/C5SAAAAABJRU5ErkJggg==");

    private GatewaySite(MemoryBlockStore blocks, Dictionary<string, byte[]> files, Cid root, Cid plain, Cid sharded)
    {
        Blocks = blocks;
        Files = files;
        Root = root;
        Plain = plain;
        Sharded = sharded;
    }

    /// <summary>Gets every block of the site.</summary>
    public MemoryBlockStore Blocks { get; }

    /// <summary>Gets the files by their path under <see cref="Root"/> (<c>plain/a b.txt</c>, <c>sharded/f017.txt</c>).</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>Gets the wrapping directory: <c>plain/</c> (a listing), <c>sharded/</c> (HAMT), <c>site/</c> (with index.html).</summary>
    public Cid Root { get; }

    /// <summary>Gets the CID of <c>plain/</c>.</summary>
    public Cid Plain { get; }

    /// <summary>Gets the CID of <c>sharded/</c>, a HAMT-sharded directory.</summary>
    public Cid Sharded { get; }

    /// <summary>Builds the site: files of 0 B to 1.1 MiB (one block, several, a raw-leaf CIDv1 tree), a text file, a PNG.</summary>
    public static async Task<GatewaySite> BuildAsync()
    {
        var random = new Random(15);
        byte[] Bytes(int n)
        {
            var b = new byte[n];
            random.NextBytes(b);
            return b;
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["plain/a b.txt"] = "hello gateway\n"u8.ToArray(),
            ["plain/empty"] = [],
            ["plain/one-block.bin"] = Bytes(100_000),
            ["plain/multi-block.bin"] = Bytes((1024 * 1024) + 12_345),
            ["plain/ünïcode ✓.txt"] = "unicode name\n"u8.ToArray(),
            ["plain/pixel.png"] = Png,
            ["site/index.html"] = "<!DOCTYPE html><html><body><h1>index</h1><img src=\"pixel.png\"></body></html>"u8.ToArray(),
            ["site/pixel.png"] = Png,
        };
        for (var i = 0; i < 40; i++)
        {
            files[$"sharded/f{i:D3}.txt"] = System.Text.Encoding.UTF8.GetBytes($"shard entry {i}\n");
        }

        var blocks = new MemoryBlockStore();
        var options = new ImportOptions { WrapWithDirectory = true, HamtShardingThreshold = 1024, ChunkSize = 256 * 1024 };
        var entries = files.Select(f => ImportEntry.File(f.Key, f.Value)).ToList();
        var result = await new UnixFsImporter(blocks, options).AddAsync(entries);
        var reader = new IpfsKit.Content.UnixFs.Reading.UnixFsReader(blocks);
        Cid plain = default, sharded = default;
        await foreach (var entry in reader.ListAsync(result.Cid))
        {
            (plain, sharded) = entry.Name switch
            {
                "plain" => (entry.Cid, sharded),
                "sharded" => (plain, entry.Cid),
                _ => (plain, sharded),
            };
        }

        return new GatewaySite(blocks, files, result.Cid, plain, sharded);
    }

    /// <summary>Imports every block into the host (and pins the root) through <c>/api/v0/dag/import</c>.</summary>
    public async Task ImportAsync(HostProcess host)
    {
        using var car = new MemoryStream();
        await CarExporter.WriteDagAsync(Blocks, Root, car);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(car.ToArray());
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ipld.car");
        form.Add(part, "file", "site.car");
        using var response = await host.Client.PostAsync(new Uri("api/v0/dag/import", UriKind.Relative), form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The CID of a file or directory of the site, resolved locally.</summary>
    public async Task<Cid> CidOfAsync(string path)
    {
        var reader = new IpfsKit.Content.UnixFs.Reading.UnixFsReader(Blocks);
        var current = Root;
        foreach (var name in path.Split('/'))
        {
            var found = false;
            await foreach (var entry in reader.ListAsync(current))
            {
                if (entry.Name == name)
                {
                    (current, found) = (entry.Cid, true);
                    break;
                }
            }

            Assert.True(found, $"{path}: no {name}");
        }

        return current;
    }

    /// <summary>The URL path of a file or directory of the site, each segment percent-encoded.</summary>
    public string PathOf(string path) => $"ipfs/{Root}/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
