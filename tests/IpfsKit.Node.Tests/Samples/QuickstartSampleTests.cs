using IpfsKit.Node.Tests.Cli;

namespace IpfsKit.Node.Tests.Samples;

/// <summary>The Quickstart sample as the docs run it: its build output as a child process, on real files.</summary>
[Trait("Category", "Samples")]
public sealed class QuickstartSampleTests : IDisposable
{
    private static readonly string SamplePath = StampedPath.Of("QuickstartPath");

    private readonly string _folder = Directory.CreateTempSubdirectory("ipfskit-quickstart-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task File_PrintsKubosCid()
    {
        var file = Path.Combine(_folder, "f");
        await File.WriteAllTextAsync(file, "hello world\n");

        var result = await RunAsync(file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", result.StandardOutput.Trim());
    }

    [Theory]
    [InlineData(1, "missing")]
    [InlineData(2, "f", "--chunk-size")]
    [InlineData(2, "f", "--cid-version", "one")]
    [InlineData(2, "f", "--profile", "unixfs-v9")]
    [InlineData(2, "f", "--no-such-option")]
    [InlineData(2, "f", "--kubo", "::not a uri")]
    public async Task BadInput_OneLineAndNonZeroExit_NoStackTrace(int exitCode, params string[] args)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "f"), "hello world\n");
        args[0] = Path.Combine(_folder, args[0]);

        var result = await RunAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1 && lines[0].StartsWith("Quickstart: ", StringComparison.Ordinal), result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    private static Task<ChildProcessResult> RunAsync(params string[] args) =>
        CliProcess.RunAsync(CliProcess.StartInfo("dotnet", [SamplePath, .. args]));
}
