using System.Text.RegularExpressions;

namespace IpfsKit.Deployment.Tests.Packaging;

/// <summary>
/// The READMEs as readers meet them: the package READMEs (shown on nuget.org, away from the repository) link only to
/// absolute URLs and the IpfsKit one holds an <c>AddIpfsKit</c> program; the README's "Use it from your app" opens with
/// a program. Whether the programs compile and run is <see cref="ReadmeSamplesTests"/>' job.
/// </summary>
[Trait("Category", "Packaging")]
public sealed partial class PackageReadmeTests
{
    public static TheoryData<string> PackageReadmes() => [.. MarkdownCodeBlocks.PackageReadmes()];

    [Theory]
    [MemberData(nameof(PackageReadmes))]
    public void PackageReadme_LinksAreAbsolute(string readme)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, readme));
        var relative = LinkTarget().Matches(text)
            .Select(static m => m.Groups["target"].Value)
            .Where(static t => !Uri.TryCreate(t, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeMailto))
            .ToList();
        Assert.True(relative.Count == 0, $"{readme} links to targets that break on nuget.org: {string.Join(", ", relative)}");
    }

    [Fact]
    public void IpfsKitPackageReadme_HoldsAnAddIpfsKitProgram() =>
        Assert.Contains(MarkdownCodeBlocks.Read("src/IpfsKit/README.md"), static b => b.IsProgram && b.Text.Contains(".AddIpfsKit(", StringComparison.Ordinal));

    [Fact]
    public void Readme_UseItFromYourApp_OpensWithAProgram()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "README.md"));
        var heading = Array.IndexOf(lines, "## Use it from your app") + 1;
        Assert.True(heading > 0, "README.md has no '## Use it from your app'");
        var first = MarkdownCodeBlocks.Read("README.md").First(b => b.Line > heading && b.Language == "csharp");
        Assert.True(first.IsProgram, $"README.md:{first.Line} is marked '{first.Info}'");
        Assert.Contains(".AddIpfsKit(", first.Text, StringComparison.Ordinal);
    }

    /// <summary>Markdown inline links and images <c>](x)</c>, reference definitions <c>[x]: y</c>, HTML <c>href</c>/<c>src</c>.</summary>
    [GeneratedRegex("""\]\(\s*<?(?<target>[^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(?<target>\S+?)>?\s*$|\b(?:href|src)\s*=\s*["'](?<target>[^"']+)""", RegexOptions.Multiline)]
    private static partial Regex LinkTarget();
}
