using System.Text.Json;
using IpfsKit.Testing.PeerRig;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// The npm package tests/gateway-clients (clients we did not write: @ipld/car, ipfs-unixfs-exporter, playwright-core)
/// and Debian's Chromium, run against the host's gateway. <c>.ci/run</c> installs both; on a developer machine the npm
/// package installs itself on first use (pinned by its lock file), and a missing Chromium fails the test with the
/// command that installs it: these tests never pass without having run.
/// </summary>
internal static class GatewayClients
{
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    /// <summary>Gets the Chromium the browser tests drive: <c>CHROMIUM_PATH</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Runs <c>node {script} {args}</c> in the package folder, asserts exit code 0 and returns its last output line as JSON.</summary>
    public static async Task<JsonElement> RunAsync(string script, params string[] args)
    {
        var folder = await Installed.Value;
        var (code, output, errors) = await KuboRpcProcess.RunAsync("node", folder, [script, .. args]);
        Assert.True(code == 0, $"node {script} {string.Join(' ', args)} exited with {code}:\n{errors}\n{output}");
        using var json = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        return json.RootElement.Clone();
    }

    /// <summary>Runs <c>node {script} {args}</c> expecting it to fail; returns its exit code and what it wrote to stderr.</summary>
    public static async Task<(int Code, string Errors)> RunFailingAsync(string script, params string[] args)
    {
        var folder = await Installed.Value;
        var (code, _, errors) = await KuboRpcProcess.RunAsync("node", folder, [script, .. args]);
        return (code, errors);
    }

    /// <summary>Fails the calling test with the install command when Chromium is missing.</summary>
    public static void RequireChromium() => Assert.True(
        File.Exists(ChromiumPath),
        $"The browser tests need Chromium at {ChromiumPath} (Category=Gateway). Install it with "
        + "`sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium` (Debian/Ubuntu; .ci/run does this), "
        + "or point CHROMIUM_PATH at a Chromium or Chrome binary.");

    private static async Task<string> InstallAsync()
    {
        var folder = Path.Combine(PeerRigHost.FindRepositoryRoot(), "tests", "gateway-clients");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "playwright-core")))
        {
            var (code, output, errors) = await KuboRpcProcess.RunAsync("npm", folder, "ci", "--no-audit", "--no-fund");
            Assert.True(code == 0, $"npm ci in {folder} failed (the gateway client tests need Node.js 20+ and npm): {errors}\n{output}");
        }

        return folder;
    }
}
