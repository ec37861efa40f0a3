using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IpfsKit.Tests.Architecture;

/// <summary>
/// A folder is a namespace (STYLE.md rule 1): every .cs file under src/&lt;Project&gt;/ declares the project's root
/// namespace followed by its folder path, read from the sources of the repository. The one exception is the public
/// registration in src/IpfsKit/DependencyInjection/*.cs, in <c>Microsoft.Extensions.DependencyInjection</c> as .NET
/// registration types are; its Internal/ folder follows the rule.
/// </summary>
public sealed partial class FolderNamespaceTests
{
    [Fact]
    public void SourceFiles_DeclareTheirFoldersNamespace()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var wrong = new List<string>();
        var files = 0;
        foreach (var project in Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories))
        {
            var folder = Path.GetDirectoryName(project)!;
            var rootNamespace = XDocument.Load(project).Descendants("RootNamespace").Select(e => e.Value).FirstOrDefault()
                ?? Path.GetFileNameWithoutExtension(project);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(folder, Path.GetDirectoryName(file)!).Replace('\\', '/');
                if (relative.Split('/')[0] is "bin" or "obj")
                {
                    continue;
                }

                files++;
                var expected = Expected(Path.GetFileName(folder), rootNamespace, relative);
                var declared = NamespaceDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToList();
                if (declared.Count == 0 || declared.Any(d => d != expected))
                {
                    wrong.Add($"{Path.GetRelativePath(src, file)}: declares {(declared.Count == 0 ? "no namespace" : string.Join(", ", declared))}, expected {expected}");
                }
            }
        }

        Assert.True(files > 100, $"only {files} source files found under {src}");
        Assert.True(wrong.Count == 0, "Files whose namespace is not their folder:\n" + string.Join('\n', wrong));
    }

    private static string Expected(string project, string rootNamespace, string relativeFolder) =>
        (project, relativeFolder) switch
        {
            ("IpfsKit", "DependencyInjection") => "Microsoft.Extensions.DependencyInjection",
            (_, ".") => rootNamespace,
            _ => rootNamespace + "." + relativeFolder.Replace('/', '.'),
        };

    /// <summary>The folder holding IpfsKit.sln, found by walking up from the test output.</summary>
    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IpfsKit.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"IpfsKit.sln not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^\s*namespace\s+([A-Za-z_][\w.]*)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
