using System.Reflection;
using IpfsKit.Blocks;
using Mono.Cecil;

namespace IpfsKit.Tests.Architecture;

/// <summary>
/// The built IpfsKit.Core.dll, IpfsKit.dll and IpfsKit.Node.dll read as IL (Mono.Cecil), once per test run. Core and the
/// library are the ones this test project runs against; the host is built before the tests (a project reference that
/// does not reference its output) and its path is stamped into the assembly metadata <c>IpfsKitNodeAssemblyPath</c>.
/// </summary>
internal static class LibraryAssemblies
{
    private static readonly Lazy<IReadOnlyList<ModuleDefinition>> Modules = new(Read);

    /// <summary>The three assemblies, lowest first: IpfsKit.Core, IpfsKit, IpfsKit.Node.</summary>
    public static IReadOnlyList<ModuleDefinition> All => Modules.Value;

    /// <summary>The library: IpfsKit.Core and IpfsKit (the host is an application above it).</summary>
    public static IEnumerable<ModuleDefinition> Library => All.Where(m => m.Assembly.Name.Name != NodeAssemblyName);

    public const string CoreAssemblyName = "IpfsKit.Core";
    public const string LibraryAssemblyName = "IpfsKit";
    public const string NodeAssemblyName = "IpfsKit.Node";

    /// <summary>Whether an assembly name is one of the three.</summary>
    public static bool IsOurs(string assemblyName) =>
        assemblyName is CoreAssemblyName or LibraryAssemblyName or NodeAssemblyName;

    private static IReadOnlyList<ModuleDefinition> Read()
    {
        var nodePath = typeof(LibraryAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "IpfsKitNodeAssemblyPath").Value!;
        Assert.True(File.Exists(nodePath), $"the host assembly is not built at {nodePath}");

        // Attribute arguments of enum types are read through the resolver: the test output holds the library and its
        // packages, the host's folder the host's; the shared frameworks the rest.
        var resolver = new DefaultAssemblyResolver();
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var aspNet = Path.Combine(runtime, "..", "..", "Microsoft.AspNetCore.App", Path.GetFileName(runtime));
        foreach (var folder in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(nodePath)!, runtime, aspNet })
        {
            resolver.AddSearchDirectory(folder);
        }

        var parameters = new ReaderParameters { AssemblyResolver = resolver, InMemory = true, ReadSymbols = false };
        return
        [
            ModuleDefinition.ReadModule(typeof(Block).Assembly.Location, parameters),
            ModuleDefinition.ReadModule(typeof(IIpfsKit).Assembly.Location, parameters),
            ModuleDefinition.ReadModule(nodePath, parameters),
        ];
    }
}
