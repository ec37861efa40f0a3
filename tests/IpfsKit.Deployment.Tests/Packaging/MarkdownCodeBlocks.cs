using System.Text.RegularExpressions;

namespace IpfsKit.Deployment.Tests.Packaging;

/// <summary>A fenced code block of a Markdown file: its info string, text and the line its fence opens on.</summary>
/// <param name="Doc">The file, relative to the repository root.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Info">The fence's info string (<c>csharp</c>, <c>csharp fragment</c>, empty).</param>
/// <param name="Text">The block's lines, joined with <c>\n</c>, ending with one.</param>
internal sealed record MarkdownCodeBlock(string Doc, int Line, string Info, string Text)
{
    /// <summary>A C# block meant to compile as a whole <c>Program.cs</c>: <c>csharp</c> without the word <c>fragment</c>.</summary>
    public bool IsProgram => Language is "csharp" or "cs" or "c#" && !Info.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("fragment");

    /// <summary>The first word of the info string, as GitHub and nuget.org read it.</summary>
    public string Language => Info.Split(' ', 2)[0];

    public override string ToString() => $"{Doc}:{Line}";
}

/// <summary>Reads the fenced code blocks (<c>```</c>) of Markdown files in the repository.</summary>
internal static partial class MarkdownCodeBlocks
{
    /// <summary>The docs whose <c>csharp</c> blocks are programs unless marked <c>fragment</c>.</summary>
    public static IEnumerable<string> CheckedDocs() =>
        new[] { "README.md", "docs/getting-started.md" }.Concat(PackageReadmes());

    /// <summary>The README of every project under src/ (the page nuget.org shows for its package).</summary>
    public static IEnumerable<string> PackageReadmes() =>
        Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "README.md", SearchOption.AllDirectories)
            .Where(static f => Directory.EnumerateFiles(Path.GetDirectoryName(f)!, "*.csproj").Any())
            .Select(Repo.Relative)
            .Order(StringComparer.Ordinal);

    public static IReadOnlyList<MarkdownCodeBlock> Read(string doc)
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, doc));
        var blocks = new List<MarkdownCodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim() != open.Groups[1].Value; i++)
            {
                body.Add(lines[i]);
            }

            blocks.Add(new MarkdownCodeBlock(doc, start + 1, open.Groups[2].Value.Trim(), string.Concat(body.Select(static l => l + "\n"))));
        }

        return blocks;
    }

    [GeneratedRegex("^\\s*(```+)(.*)$")]
    private static partial Regex Fence();
}
