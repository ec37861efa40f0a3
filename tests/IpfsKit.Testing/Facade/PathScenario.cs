using System.Diagnostics;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;
using IpfsKit.Transports;
using Xunit.Abstractions;

namespace IpfsKit.Testing.Facade;

/// <summary>
/// What a user of Ipfs.Http.Client does with paths, run against any <see cref="IIpfsKit"/> (the embedded node in IpfsKit.Tests,
/// the Kubo RPC transport at a real host process in IpfsKit.Node.Tests).
/// </summary>
public static class PathScenario
{
    /// <summary>Small enough that 40 entries make the <c>many</c> directory a HAMT.</summary>
    public static readonly AddOptions Options = new() { Import = ImportOptions.UnixFsV0Of2015 with { HamtShardingThreshold = 512 } };

    /// <summary>Writes <c>top.txt</c>, <c>sub/deep/file.txt</c> and 40 files in <c>many/</c> under <paramref name="root"/>.</summary>
    public static void WriteTree(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "sub", "deep"));
        Directory.CreateDirectory(Path.Combine(root, "many"));
        File.WriteAllText(Path.Combine(root, "top.txt"), "top\n");
        File.WriteAllText(Path.Combine(root, "sub", "deep", "file.txt"), "deep file\n");
        for (var i = 0; i < 40; i++)
        {
            File.WriteAllText(Path.Combine(root, "many", $"entry-{i:D2}.txt"), $"entry {i}\n");
        }
    }

    /// <returns>The root of the tree added.</returns>
    public static async Task<Cid> RunAsync(IIpfsKit ipfs, string workDir, ITestOutputHelper output)
    {
        var tree = Path.Combine(workDir, "tree");
        WriteTree(tree);
        var clock = Stopwatch.StartNew();

        var root = await ipfs.AddDirectoryAsync(tree, Options);
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: added the tree, root {root.Cid}");
        var text = await ipfs.AddTextAsync("hello world\n");

        Assert.Equal("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", text.Cid.ToString());
        Assert.Equal("hello world\n", await ReadAsync(ipfs, text.Cid.ToString()));
        Assert.Equal("deep file\n", await ReadAsync(ipfs, $"/ipfs/{root.Cid}/sub/deep/file.txt"));
        Assert.Equal("entry 7\n", await ReadAsync(ipfs, $"{root.Cid}/many/entry-07.txt"));
        Assert.Equal(UnixFsNodeKind.ShardedDirectory, (await ipfs.StatAsync($"{root.Cid}/many")).Kind);
        Assert.Equal((UnixFsNodeKind.File, 4ul), ((await ipfs.StatAsync($"/ipfs/{root.Cid}/top.txt")).Kind, (await ipfs.StatAsync($"/ipfs/{root.Cid}/top.txt")).ContentSize));
        Assert.Equal([("many", LinkKind.Directory), ("sub", LinkKind.Directory), ("top.txt", LinkKind.File)], await ipfs.ListAsync(root.Cid).Select(l => (l.Name, l.Kind)).ToListAsync());
        Assert.Equal(40, await ipfs.ListAsync($"/ipfs/{root.Cid}/many").CountAsync());
        Assert.Equal(await ipfs.ResolveAsync(ContentPath.Parse($"{root.Cid}/sub/deep")), Assert.Single(await ipfs.ListAsync($"{root.Cid}/sub").ToListAsync()).Cid);
        Assert.Contains(new PinEntry(root.Cid, PinMode.Recursive), await ipfs.ListPinsAsync().ToListAsync());
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: read by paths (plain directories and a HAMT), listed, stat'ed");

        var missing = await Assert.ThrowsAsync<IpfsKitPathNotFoundException>(() => ipfs.CatAsync($"/ipfs/{root.Cid}/many/absent.txt"));
        Assert.Equal("absent.txt", missing.Segment);
        var underFile = await Assert.ThrowsAsync<IpfsKitPathNotFoundException>(() => ipfs.StatAsync($"{root.Cid}/top.txt/x"));
        Assert.Equal("x", underFile.Segment);
        var bad = await Assert.ThrowsAsync<IpfsKitFormatException>(() => ipfs.CatAsync($"/ipfs/{root.Cid}/sub/../top.txt"));
        Assert.Contains("\"..\"", bad.Message, StringComparison.Ordinal);
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: bad paths fail typed, naming the segment");
        return root.Cid;
    }

    private static async Task<string> ReadAsync(IIpfsKit ipfs, string path)
    {
        await using var content = await ipfs.CatAsync(path);
        return await new StreamReader(content).ReadToEndAsync();
    }
}
