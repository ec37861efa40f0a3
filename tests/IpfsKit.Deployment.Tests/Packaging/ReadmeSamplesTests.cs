using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Importing;
using Xunit.Abstractions;

namespace IpfsKit.Deployment.Tests.Packaging;

/// <summary>
/// The C# programs of the README, docs/getting-started.md and the package READMEs, compiled as the Program.cs of a new
/// console app against the packed packages and run (see <see cref="PackedFeedFixture"/>). Blocks marked
/// <c>```csharp fragment</c> are not programs and are skipped.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackedFeedCollection.Name)]
public sealed class ReadmeSamplesTests(PackedFeedFixture feed, ITestOutputHelper output)
{
    public static TheoryData<string, int> Programs()
    {
        var data = new TheoryData<string, int>();
        foreach (var block in MarkdownCodeBlocks.CheckedDocs().SelectMany(MarkdownCodeBlocks.Read).Where(static b => b.IsProgram))
        {
            data.Add(block.Doc, block.Line);
        }

        return data;
    }

    /// <summary>
    /// Every program adds <c>hello world\n</c> and prints its CID and the content read back; a program followed by a
    /// plain fence shows its output there, which must be exactly what it prints.
    /// </summary>
    [Theory]
    [MemberData(nameof(Programs))]
    public async Task Program_CompilesAgainstPackedPackages_AndPrintsTheCid(string doc, int line)
    {
        LogSetUp();
        var blocks = MarkdownCodeBlocks.Read(doc);
        var index = blocks.ToList().FindIndex(b => b.Line == line);
        var watch = Stopwatch.StartNew();

        await feed.BuildAsync(blocks[index].Text);
        output.WriteLine($"{doc}:{line}: built in {watch.Elapsed.TotalSeconds:F1} s");
        watch.Restart();
        var (code, stdout, stderr) = await feed.RunAsync();
        output.WriteLine($"{doc}:{line}: ran in {watch.Elapsed.TotalSeconds:F1} s, exit code {code}\n{stdout}");

        Assert.True(code == 0, $"exit code {code}: {stderr}");
        var cid = (await new UnixFsImporter(new MemoryBlockStore()).AddFileAsync(new MemoryStream(Encoding.UTF8.GetBytes("hello world\n")))).Cid.ToString();
        Assert.Contains(cid, stdout, StringComparison.Ordinal);
        Assert.Contains("hello world", stdout, StringComparison.Ordinal);
        if (index + 1 < blocks.Count && blocks[index + 1].Info.Length == 0 && IsNextAfterProse(doc, blocks[index], blocks[index + 1]))
        {
            Assert.Equal(blocks[index + 1].Text.TrimEnd(), stdout.ReplaceLineEndings("\n").TrimEnd());
        }
    }

    [Fact]
    public void Packages_CarryTheirSourceReadme()
    {
        LogSetUp();
        foreach (var readme in MarkdownCodeBlocks.PackageReadmes())
        {
            var id = Path.GetFileName(Path.GetDirectoryName(readme))!;
            Assert.True(feed.Packages.TryGetValue(id, out var version), $"no package {id} in the feed: {string.Join(", ", feed.Packages.Keys)}");
            using var zip = ZipFile.OpenRead(Path.Combine(feed.Feed, $"{id}.{version}.nupkg"));
            using var reader = new StreamReader(zip.GetEntry("README.md")?.Open() ?? throw new Xunit.Sdk.XunitException($"{id}.{version}.nupkg has no README.md"));
            Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, readme)), reader.ReadToEnd());
        }
    }

    /// <summary>A plain fence right after a program (only blank lines between) is its output.</summary>
    private static bool IsNextAfterProse(string doc, MarkdownCodeBlock program, MarkdownCodeBlock next)
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, doc));
        var programEnd = program.Line + program.Text.Count(static c => c == '\n'); // the closing fence, 0-based
        return lines[(programEnd + 1)..(next.Line - 1)].All(string.IsNullOrWhiteSpace);
    }

    private void LogSetUp()
    {
        foreach (var (step, time) in feed.Timings)
        {
            output.WriteLine($"set-up {step}: {time.TotalSeconds:F1} s");
        }

        output.WriteLine("packed: " + string.Join(", ", feed.Packages.Select(static p => $"{p.Key} {p.Value}")));
    }
}
