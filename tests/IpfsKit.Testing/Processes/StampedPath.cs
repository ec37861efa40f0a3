using System.Reflection;

namespace IpfsKit.Testing.Processes;

/// <summary>
/// The path of a program a test project builds first and runs as a child process. The test project stamps it into its
/// own assembly as <c>[AssemblyMetadata(key, path)]</c> (an MSBuild target calling <c>GetTargetPath</c>), whatever the
/// configuration or output layout; this finds it in whichever loaded assembly carries it.
/// </summary>
public static class StampedPath
{
    /// <summary>The path stamped under <paramref name="key"/>; throws when no loaded assembly carries it.</summary>
    public static string Of(string key) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(static a => !a.IsDynamic)
            .SelectMany(static a => a.GetCustomAttributes<AssemblyMetadataAttribute>())
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"No loaded assembly carries [AssemblyMetadata(\"{key}\", …)]: stamp it in the test project.");
}
