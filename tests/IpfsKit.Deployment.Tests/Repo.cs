namespace IpfsKit.Deployment.Tests;

/// <summary>Paths in the repository the tests run from (found by walking up to IpfsKit.sln).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Deployment => Path.Combine(Root, "samples", "Deployment");

    public static string Kubernetes => Path.Combine(Deployment, "kubernetes");

    public static string Chart => Path.Combine(Deployment, "helm", "ipfs-kit");

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>Every .yaml/.yml file under samples/Deployment (Helm templates excluded: they are not YAML until rendered).</summary>
    public static IEnumerable<string> YamlFiles() =>
        Directory.EnumerateFiles(Deployment, "*.*", SearchOption.AllDirectories)
            .Where(static f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Where(static f => !f.Contains($"{Path.DirectorySeparatorChar}templates{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpfsKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IpfsKit.sln not found above " + AppContext.BaseDirectory);
    }
}
