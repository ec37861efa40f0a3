using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Cli;

[Trait("Category", "Deployment")]
public sealed partial class CliCommandTests(HostFixture fixture, ITestOutputHelper output) : IClassFixture<HostFixture>
{
    private HostProcess Host => fixture.Host;

    private string[] At => CliProcess.At(Host, HostFixture.Token);

    [Fact]
    public async Task Help_ListsEveryCommandAndTheHostUsage()
    {
        var result = await CliProcess.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "add PATH", "cat PATH", "pin add CID", "pin rm CID", "pin ls", "status", "peers", "shard plan CID", "backup export DIR", "backup import DIR" })
        {
            Assert.Contains("  " + command, result.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains(NodeSettings.Usage, result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NodeDown_Exits1WithOneLineNamingTheNode()
    {
        var port = FreePorts.Next();

        var result = await CliProcess.RunAsync("status", "--node", $"http://127.0.0.1:{port}/");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"cannot reach the node at http://127.0.0.1:{port}/", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("add", "file.bin", "--bogus")]
    [InlineData("status", "--bogus")]
    [InlineData("cat", "not-a-cid")]
    [InlineData("pin")]
    [InlineData("pin", "ls", "--type", "sideways")]
    public async Task Command_BadUsage_Exits2(params string[] args)
    {
        var result = await CliProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ipfs-kit --help", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RunningNode_PrintsIdRepoAndHealth()
    {
        var result = await CliProcess.RunAsync(["status", .. At]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"(?m)^id\s+Qm", result.StandardOutput);
        Assert.Matches(@"(?m)^repo\s+.* used of ", result.StandardOutput);
        Assert.Matches(@"(?m)^health\s+healthy \(storage healthy", result.StandardOutput);
    }

    [Fact]
    public async Task Command_WrongToken_Exits1()
    {
        var result = await CliProcess.RunAsync(["pin", "ls", .. CliProcess.At(Host, "wrong-token")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ipfs-kit pin ls:", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddThenCat_Redirected_PrintsAddedLineAndPlainProgressAndReadsBackTheBytes()
    {
        var file = CliProcess.TempFile(1_500_000, 7);
        try
        {
            var added = await CliProcess.RunAsync(["add", file, .. At]);

            Assert.Equal(0, added.ExitCode);
            var match = AddedLine().Match(added.StandardOutput);
            Assert.True(match.Success, added.StandardOutput);
            Assert.Equal(Path.GetFileName(file), match.Groups[2].Value);
            Assert.DoesNotContain('\r', added.StandardError);
            var progress = added.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(progress, l => l.Contains("100%", StringComparison.Ordinal) && l.Contains("/s", StringComparison.Ordinal) && l.Contains("ETA", StringComparison.Ordinal));
            Assert.InRange(progress.Length, 2, 25);

            var cat = await CliProcess.RunAsync(["cat", match.Groups[1].Value, .. At]);

            Assert.Equal(0, cat.ExitCode);
            Assert.Equal(await File.ReadAllBytesAsync(file), cat.StandardOutputBytes);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task PinAddLsRm_UnpinnedAdd_ShowsUpOnlyWhilePinned()
    {
        var file = CliProcess.TempFile(10_000, 11);
        try
        {
            var added = await CliProcess.RunAsync(["add", "--no-pin", "-q", file, .. At]);
            Assert.Equal(0, added.ExitCode);
            var cid = added.StandardOutput.Trim();
            Assert.DoesNotContain(cid, (await CliProcess.RunAsync(["pin", "ls", .. At])).StandardOutput, StringComparison.Ordinal);

            var pinned = await CliProcess.RunAsync(["pin", "add", cid, .. At]);

            Assert.Equal(0, pinned.ExitCode);
            Assert.Equal($"pinned {cid} recursively", pinned.StandardOutput.Trim());
            Assert.Contains($"{cid} recursive", (await CliProcess.RunAsync(["pin", "ls", "--type", "recursive", .. At])).StandardOutput, StringComparison.Ordinal);

            var removed = await CliProcess.RunAsync(["pin", "rm", cid, .. At]);

            Assert.Equal(0, removed.ExitCode);
            Assert.DoesNotContain(cid, (await CliProcess.RunAsync(["pin", "ls", .. At])).StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Add_UnderPseudoTerminal_RedrawsTheBarWithCarriageReturns()
    {
        if (!File.Exists("/usr/bin/script"))
        {
            output.WriteLine("SKIPPED: util-linux 'script' is not installed, no pseudo-terminal to run the CLI under");
            return;
        }

        var file = CliProcess.TempFile(30_000_000, 13);
        try
        {
            string[] words = ["dotnet", HostProcess.HostPath, "add", file, .. At];
            var command = string.Join(' ', words.Select(a => "'" + a + "'"));
            var result = await CliProcess.RunAsync(CliProcess.StartInfo("/usr/bin/script", ["-qfc", command, "/dev/null"]));
            output.WriteLine(result.StandardOutput);

            Assert.Equal(0, result.ExitCode);
            var redraws = result.StandardOutput.Split('\r').Where(s => s.Contains("] ", StringComparison.Ordinal) && s.Contains('%', StringComparison.Ordinal)).ToList();
            Assert.True(redraws.Count >= 2, "expected several \\r redraws: " + result.StandardOutput);
            Assert.Contains(redraws, r => r.Contains("[########################] 100%", StringComparison.Ordinal));
            Assert.Matches(@"added Qm\w+ ", result.StandardOutput);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"^added (Qm\w+) (.+)$", RegexOptions.Multiline)]
    private static partial Regex AddedLine();
}
