using System.Diagnostics;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Abuse;

/// <summary>
/// The real host started with broken configuration or a broken data folder: each must end the process quickly with
/// one line on stderr naming the problem (no stack trace, no crash), exit 2 for configuration and 1 for a runtime failure.
/// </summary>
[Trait("Category", "Abuse")]
[Trait("Category", "Host")]
public sealed class StartupAbuseTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private const string Token = "startup-abuse-token-0123456789";
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ipfskit-startup-abuse");

    [Fact]
    public async Task ConfigFile_WithInvalidJson_Exits2NamingTheFileAndLine()
    {
        var file = Write("invalid.json", "{\n  \"IpfsKit\": {\n    \"Storage\": { \"MaxMemory\": 512M }\n  }\n}\n");

        var line = await StartAndFailAsync(2, new() { ["IPFS_KIT_CONFIG_FILE"] = file });

        Assert.StartsWith("IPFS_KIT_CONFIG_FILE:", line, StringComparison.Ordinal);
        Assert.Contains(file, line, StringComparison.Ordinal);
        Assert.Contains("line 3", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigFile_WithABadValue_Exits2NamingTheKeyAndTheFile()
    {
        var file = Write("bad-value.json", """{"IpfsKit":{"Storage":{"MaxMemory":"lots"}}}""");

        var line = await StartAndFailAsync(2, new() { ["IPFS_KIT_CONFIG_FILE"] = file });

        Assert.Contains("IpfsKit:Storage:MaxMemory", line, StringComparison.Ordinal);
        Assert.Contains("'lots'", line, StringComparison.Ordinal);
        Assert.Contains(file, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiHost_NotOnThisMachine_Exits1NamingTheBinding()
    {
        var line = await StartAndFailAsync(1, new() { ["IPFS_KIT_API_HOST"] = "10.255.255.1", ["IPFS_KIT_API_TOKEN"] = Token });

        Assert.StartsWith("IPFS_KIT_API_HOST/IPFS_KIT_API_PORT: cannot listen on 10.255.255.1:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IpfsPath_ARegularFile_Exits2NamingIt()
    {
        var file = Write("not-a-folder", "x");

        var line = await StartAndFailAsync(2, new() { ["IPFS_PATH"] = file });

        Assert.StartsWith("IPFS_PATH:", line, StringComparison.Ordinal);
        Assert.Contains(file, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_FailingToOpenAfterTheWebHostStarted_Exits1WithOneLine()
    {
        var data = _scratch.CreateSubdirectory("data");
        Write("data/blocks", "a file where the block folder goes");

        var line = await StartAndFailAsync(1, new() { ["IPFS_PATH"] = data.FullName });

        Assert.Contains("blocks", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_ANumber_PrintsOnlyTheRoleError()
    {
        var line = await StartAndFailAsync(2, new() { ["IPFS_KIT_ROLE"] = "1" });

        Assert.StartsWith("IPFS_KIT_ROLE: '1' is not a role", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiToken_TooShortBeyondLoopback_Exits2NamingIt()
    {
        var line = await StartAndFailAsync(2, new() { ["IPFS_KIT_API_HOST"] = "0.0.0.0", ["IPFS_KIT_API_TOKEN"] = "short" });

        Assert.StartsWith("IPFS_KIT_API_TOKEN:", line, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_scratch.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Starts the host, waits (bounded) for it to end, and returns the one line it wrote to stderr.</summary>
    private async Task<string> StartAndFailAsync(int expectedCode, Dictionary<string, string> extra)
    {
        var clock = Stopwatch.StartNew();
        await using var host = HostProcess.Start(extra: extra);
        int code;
        try
        {
            code = await host.WaitForExitAsync(Bound);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the host was still running after {Bound.TotalSeconds} s: {host.Output}");
            throw;
        }

        output.WriteLine($"{clock.Elapsed.TotalMilliseconds,8:F0} ms  exited with {code}");
        output.WriteLine(host.ErrorOutput);
        var lines = host.ErrorOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expectedCode, code);
        Assert.True(lines.Length == 1, $"stderr has {lines.Length} lines:\n{host.ErrorOutput}");
        Assert.DoesNotContain("Unhandled exception", host.Output, StringComparison.Ordinal); // no crash (exit 134)
        Assert.DoesNotMatch(@"\bat [\w.`<>\[\]]+\(", lines[0]); // stack traces stay in the JSON log on stdout
        return lines[0];
    }
}
