using System.Diagnostics;
using System.Reflection;
using IpfsKit.Testing.Facade;

namespace IpfsKit.Node.Tests.Cli;

/// <summary>Kubo's CLI habits: <c>add -r</c>, <c>-q</c>, <c>cat /ipfs/&lt;cid&gt;/path</c>, <c>--version</c> (real CLI and host processes).</summary>
public sealed partial class CliCommandTests
{
    [Fact]
    public async Task AddRecursive_Directory_PrintsEveryEntryRootLastAndCatTakesPaths()
    {
        var tree = Directory.CreateTempSubdirectory("ipfskit-cli-tree-").FullName;
        try
        {
            PathScenario.WriteTree(tree);
            File.WriteAllText(Path.Combine(tree, ".hidden"), "skipped\n");
            var name = Path.GetFileName(tree);
            var clock = Stopwatch.StartNew();

            var added = await CliProcess.RunAsync(["add", "-r", tree, .. At]);
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: add -r ({added.StandardOutput.Split('\n').Length} lines)");
            var quiet = await CliProcess.RunAsync(["add", "-r", "-q", tree, .. At]);
            var withoutR = await CliProcess.RunAsync(["add", tree, .. At]);

            Assert.Equal(0, added.ExitCode);
            var lines = AddedLine().Matches(added.StandardOutput).Select(m => (Cid: m.Groups[1].Value, Name: m.Groups[2].Value.TrimEnd('\r'))).ToList();
            Assert.Equal(1 + 1 + 2 + 1 + 40 + 1, lines.Count); // tree, many/, sub/, sub/deep/, top.txt, 40 files; no .hidden
            Assert.Equal(name, lines[^1].Name);
            Assert.Contains(lines, l => l.Name == $"{name}/sub/deep/file.txt");
            Assert.DoesNotContain(lines, l => l.Name.EndsWith(".hidden", StringComparison.Ordinal));
            var root = lines[^1].Cid;
            Assert.Equal(0, quiet.ExitCode);
            Assert.Equal(lines.Select(l => l.Cid), quiet.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(string.Empty, quiet.StandardError);
            Assert.Equal(1, withoutR.ExitCode);
            Assert.Contains("use -r", withoutR.StandardError, StringComparison.Ordinal);

            var deep = await CliProcess.RunAsync(["cat", $"/ipfs/{root}/sub/deep/file.txt", .. At]);
            var inHamt = await CliProcess.RunAsync(["cat", $"{root}/many/entry-39.txt", .. At]);
            var missing = await CliProcess.RunAsync(["cat", $"/ipfs/{root}/many/absent.txt", .. At]);
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: cat by paths");

            Assert.Equal("deep file\n", deep.StandardOutput);
            Assert.Equal("entry 39\n", inHamt.StandardOutput);
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("no link named \"absent.txt\"", missing.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    [Fact]
    public async Task Version_PrintsTheAssemblysPackageVersion()
    {
        var result = await CliProcess.RunAsync("--version");

        var informational = typeof(NodeSettings).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"ipfs-kit version {informational.Split('+')[0]}\n", result.StandardOutput.Replace("\r", "", StringComparison.Ordinal));
    }
}
