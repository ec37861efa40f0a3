using Mono.Cecil;

namespace IpfsKit.Tests.Architecture;

/// <summary>
/// A namespace lives in one assembly (issue 18 item 9): IpfsKit.Core, IpfsKit and IpfsKit.Node each own theirs, read
/// from the built assemblies. The registration types in <c>Microsoft.Extensions.DependencyInjection</c> (the .NET
/// convention for <c>AddIpfsKit</c>) are IpfsKit's only; any other namespace outside IpfsKit's holds only what the
/// compiler and source generators put there.
/// </summary>
public sealed class NamespaceOwnershipTests
{
    private const string Registration = "Microsoft.Extensions.DependencyInjection";

    [Fact]
    public void Namespaces_EachInOneAssembly()
    {
        var shared = LibraryAssemblies.All
            .SelectMany(m => m.Types.Select(t => (t.Namespace, Assembly: m.Assembly.Name.Name, Type: t.FullName)))
            .Where(t => IsIpfsKits(t.Namespace) || t.Namespace == Registration)
            .GroupBy(t => t.Namespace)
            .Where(g => g.Select(t => t.Assembly).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: " + string.Join("; ", g.GroupBy(t => t.Assembly).Select(a => $"{a.Key} ({a.First().Type}{(a.Count() > 1 ? $" and {a.Count() - 1} more" : "")})")))
            .ToList();

        Assert.True(shared.Count == 0, "Namespaces with types in two assemblies:\n" + string.Join('\n', shared));
    }

    [Fact]
    public void TypesOutsideIpfsKitNamespaces_OnlyRegistrationInIpfsKitOrGenerated()
    {
        var strays = LibraryAssemblies.All
            .SelectMany(m => m.Types.Select(t => (Assembly: m.Assembly.Name.Name, Type: t)))
            .Where(t => !IsIpfsKits(t.Type.Namespace))
            .Where(t => !(t.Type.Namespace == Registration && t.Assembly == LibraryAssemblies.LibraryAssemblyName))
            .Where(t => !IsGenerated(t.Type))
            .Select(t => $"{t.Assembly}: {t.Type.FullName}")
            .ToList();

        Assert.True(strays.Count == 0, $"Types outside the IpfsKit namespaces (only IpfsKit may declare {Registration}):\n" + string.Join('\n', strays));
    }

    private static bool IsIpfsKits(string @namespace) =>
        @namespace == "IpfsKit" || @namespace.StartsWith("IpfsKit.", StringComparison.Ordinal);

    /// <summary>The module type, and types the compiler or a source generator adds (embedded attributes, the regex
    /// generator's helpers, private implementation details): marked so, or named as no C# type can be.</summary>
    private static bool IsGenerated(TypeDefinition type) =>
        type.Name == "<Module>" || type.Name.Contains('<', StringComparison.Ordinal) ||
        type.CustomAttributes.Any(a => a.AttributeType.FullName is
            "System.Runtime.CompilerServices.CompilerGeneratedAttribute" or
            "Microsoft.CodeAnalysis.EmbeddedAttribute" or
            "System.CodeDom.Compiler.GeneratedCodeAttribute");
}
