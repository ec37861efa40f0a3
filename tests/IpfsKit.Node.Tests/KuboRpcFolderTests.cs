using System.Diagnostics;
using System.Text.Json;
using IpfsKit.Content.UnixFs.Importing;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests;

/// <summary>
/// The npm kubo-rpc-client adds a nested folder (globSource: Kubo's multipart directory form) through the host: every
/// entry's CID and the root equal what the importer gives for the same folder on disk (byte-identical to <c>ipfs add -r</c>),
/// and the root is pinned. Needs node and npm, as <see cref="KuboRpcClientTests"/>.
/// </summary>
[Trait("Category", "Host")]
[Trait("Category", "Interop")]
public sealed class KuboRpcFolderTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KuboRpcClient_AddsNestedFolder_SameCidsAsAddRecursiveAndRootPinned()
    {
        var clock = Stopwatch.StartNew();
        var folder = Path.Combine(AppContext.BaseDirectory, "KuboRpc");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "kubo-rpc-client")))
        {
            var (installCode, installOutput, installErrors) = await KuboRpcProcess.RunAsync("npm", folder, "install", "--no-audit", "--no-fund");
            Assert.True(installCode == 0, "npm install kubo-rpc-client failed: " + installOutput + installErrors);
        }

        var parent = Path.Combine(Path.GetTempPath(), "ipfskit-folder-" + Guid.NewGuid().ToString("N"));
        try
        {
            var tree = Path.Combine(parent, "tree");
            Directory.CreateDirectory(Path.Combine(tree, "sub", "deeper"));
            Directory.CreateDirectory(Path.Combine(tree, "empty"));
            await File.WriteAllTextAsync(Path.Combine(tree, "a.txt"), "hello\n");
            await File.WriteAllTextAsync(Path.Combine(tree, "ünï cödé.txt"), "names are escaped\n");
            var big = new byte[700_000];
            new Random(7).NextBytes(big);
            await File.WriteAllBytesAsync(Path.Combine(tree, "sub", "b.bin"), big);
            await File.WriteAllTextAsync(Path.Combine(tree, "sub", "deeper", "c.txt"), "deep\n");
            const string Token = "kubo-rpc-folder-token";
            await using var host = await HostProcess.StartReadyAsync(Token);
            output.WriteLine($"{clock.Elapsed}: host ready");

            var (code, stdout, errors) = await KuboRpcProcess.RunAsync("node", folder, "folder.mjs", $"http://127.0.0.1:{host.Port}", Token, parent, "tree");
            output.WriteLine($"{clock.Elapsed}: client done: {stdout}");

            Assert.True(code == 0, "node folder.mjs failed: " + stdout + errors + "\nhost: " + host.Output);
            using var result = JsonDocument.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
            var entries = result.RootElement.GetProperty("entries").EnumerateArray()
                .Select(e => (Path: e.GetProperty("path").GetString()!, Cid: e.GetProperty("cid").GetString()!)).ToList();
            var importer = new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015);
            var root = await importer.AddPathAsync(tree);
            Assert.Equal(("tree", root.Cid.ToString()), entries[^1]);
            Assert.Equal(
                ["tree", "tree/a.txt", "tree/empty", "tree/sub", "tree/sub/b.bin", "tree/sub/deeper", "tree/sub/deeper/c.txt", "tree/ünï cödé.txt"],
                entries.Select(e => e.Path).Order(StringComparer.Ordinal));
            foreach (var (path, cid) in entries)
            {
                var expected = await importer.AddPathAsync(Path.Combine(parent, path));
                Assert.True(expected.Cid.ToString() == cid, $"{path}: host {cid}, importer {expected.Cid}");
            }

            Assert.Equal([root.Cid.ToString()], result.RootElement.GetProperty("pins").EnumerateArray().Select(p => p.GetString()));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
