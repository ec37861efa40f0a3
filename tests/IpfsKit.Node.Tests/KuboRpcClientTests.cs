using System.Text.Json;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Node.Tests;

/// <summary>
/// A real Kubo RPC client (npm kubo-rpc-client 5.4.1, run with node) adds, cats and lists pins through the host.
/// Needs node and npm on PATH and the npm registry (or its cache) reachable; fails with the reason otherwise.
/// </summary>
[Trait("Category", "Host")]
[Trait("Category", "Interop")]
public sealed class KuboRpcClientTests
{
    [Fact]
    public async Task KuboRpcClient_AddCatPinLs_ThroughTheHost()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "KuboRpc");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "kubo-rpc-client")))
        {
            var (installCode, installOutput, installErrors) = await KuboRpcProcess.RunAsync("npm", folder, "install", "--no-audit", "--no-fund");
            Assert.True(installCode == 0, "npm install kubo-rpc-client failed: " + installOutput + installErrors);
        }

        const string Token = "kubo-rpc-token";
        const string Content = "hello from kubo-rpc-client\n";
        await using var host = await HostProcess.StartReadyAsync(Token);
        var expected = await new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015).AddFileAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Content)));

        var (code, output, errors) = await KuboRpcProcess.RunAsync("node", folder, "probe.mjs", $"http://127.0.0.1:{host.Port}", Token, Content);

        Assert.True(code == 0, "node probe.mjs failed: " + output + errors + "\nhost: " + host.Output);
        using var result = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.Equal(expected.Cid.ToString(), result.RootElement.GetProperty("cid").GetString());
        Assert.Equal(Content, result.RootElement.GetProperty("text").GetString());
        Assert.True(result.RootElement.GetProperty("pinned").GetBoolean());
        Assert.False(string.IsNullOrEmpty(result.RootElement.GetProperty("id").GetString()));
    }
}
