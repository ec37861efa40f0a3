using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace IpfsKit.Deployment.Tests.Packaging;

/// <summary>
/// Packs every package with build/pack.sh (the one way to pack) and reads the .nuspec inside each .nupkg: one version
/// from Directory.Build.props (plus the suffix CI adds), a .snupkg beside each, repository and tags, and the
/// dependencies we mean (Logging.Abstractions, not Logging; the core needs only the BCL; IpfsKit.Managed the managed
/// SQLite provider only, and IpfsKit = IpfsKit.Managed + the native SQLite bundle, docs/packaging.md).
/// </summary>
[Trait("Category", "Deployment")]
public sealed class PackageTests(ITestOutputHelper output)
{
    private const string Suffix = "test.1";

    [Fact]
    public void Pack_AllPackages_OneVersionSymbolsAndIntendedDependencies()
    {
        var folder = Directory.CreateTempSubdirectory("ipfs-kit-pack");
        try
        {
            var clock = Stopwatch.StartNew();
            Pack(folder.FullName);
            output.WriteLine($"build/pack.sh: {clock.Elapsed.TotalSeconds:F1} s");

            var version = $"{VersionPrefix()}-{Suffix}";
            var packages = Directory.GetFiles(folder.FullName, "*.nupkg").ToDictionary(
                static p => Nuspec(p).Id, static p => p);
            Assert.Equal(["IpfsKit", "IpfsKit.Core", "IpfsKit.Managed", "IpfsKit.Node"], packages.Keys.Order(StringComparer.Ordinal));
            foreach (var (id, path) in packages)
            {
                var spec = Nuspec(path);
                output.WriteLine($"{id} {spec.Version}: {new FileInfo(path).Length:N0} bytes; depends on {string.Join(", ", spec.Dependencies.Select(static d => $"{d.Id} {d.Version}"))}");
                Assert.Equal(version, spec.Version);
                // The metapackage holds no code, so no symbols either.
                Assert.True(id == "IpfsKit" || File.Exists(Path.ChangeExtension(path, ".snupkg")), $"{id} has a .snupkg");
                Assert.False(string.IsNullOrEmpty(spec.RepositoryUrl), $"{id} names its repository");
                Assert.Contains("ipfs", spec.Tags);
            }

            Assert.Empty(Nuspec(packages["IpfsKit.Core"]).Dependencies);
            var managed = Nuspec(packages["IpfsKit.Managed"]).Dependencies.ToDictionary(static d => d.Id, static d => d.Version);
            Assert.Equal(version, managed["IpfsKit.Core"]);
            Assert.Contains("Microsoft.Extensions.Logging.Abstractions", managed.Keys);
            Assert.DoesNotContain("Microsoft.Extensions.Logging", managed.Keys);
            Assert.Contains("Microsoft.Data.Sqlite.Core", managed.Keys);
            Assert.DoesNotContain(managed.Keys, static id => id is "Microsoft.Data.Sqlite" || id.StartsWith("SQLitePCLRaw.bundle", StringComparison.Ordinal));

            var kit = Nuspec(packages["IpfsKit"]).Dependencies.ToDictionary(static d => d.Id, static d => d.Version);
            Assert.Equal(["IpfsKit.Managed", "SQLitePCLRaw.bundle_e_sqlite3"], kit.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(version, kit["IpfsKit.Managed"]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Pack(string folder)
    {
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(Repo.Root, "build", "pack.sh"));
        info.ArgumentList.Add(folder);
        info.ArgumentList.Add(Suffix);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"build/pack.sh failed ({process.ExitCode}):\n{stdout}\n{stderr.Result}");
    }

    private static string VersionPrefix() =>
        XDocument.Load(Path.Combine(Repo.Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    private static PackageSpec Nuspec(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        using var stream = zip.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(static e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        var dependencies = metadata.Descendants().Where(static e => e.Name.LocalName == "dependency")
            .Select(static e => (Id: (string)e.Attribute("id")!, Version: (string)e.Attribute("version")!)).ToList();
        var repository = metadata.Elements().SingleOrDefault(static e => e.Name.LocalName == "repository");
        return new PackageSpec(Value("id")!, Value("version")!, (string?)repository?.Attribute("url"), Value("tags")?.Split(' ') ?? [], dependencies);
    }

    private sealed record PackageSpec(string Id, string Version, string? RepositoryUrl, string[] Tags, List<(string Id, string Version)> Dependencies);
}
