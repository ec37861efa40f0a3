namespace IpfsKit.Tests.Architecture;

/// <summary>
/// The layers of IpfsKit: a layer is a folder of src/IpfsKit.Core or src/IpfsKit, that is a namespace with any
/// trailing <c>.Internal…</c> folded in (<c>IpfsKit.Roles.Master.Internal.Pinset</c> is <c>IpfsKit.Roles.Master</c>,
/// <c>IpfsKit.Internal</c> is <c>IpfsKit</c>). The registration types in <c>Microsoft.Extensions.DependencyInjection</c>
/// (the .NET convention) are the layer of their folder, <c>IpfsKit.DependencyInjection</c>.
/// </summary>
internal static class Layers
{
    private const string Registration = "Microsoft.Extensions.DependencyInjection";

    /// <summary>The layer of a type of IpfsKit.Core, IpfsKit or IpfsKit.Node, or null for a type that is not IpfsKit's
    /// (another assembly's, or a compiler-generated one outside the IpfsKit namespaces).</summary>
    public static string? Of(string assembly, string @namespace)
    {
        if (!LibraryAssemblies.IsOurs(assembly))
        {
            return null;
        }

        if (assembly == LibraryAssemblies.LibraryAssemblyName && @namespace == Registration)
        {
            return "IpfsKit.DependencyInjection";
        }

        if (@namespace != "IpfsKit" && !@namespace.StartsWith("IpfsKit.", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = @namespace.Split('.');
        var internalAt = Array.IndexOf(parts, "Internal");
        return internalAt < 0 ? @namespace : string.Join('.', parts[..internalAt]);
    }

    /// <summary>Whether <paramref name="layer"/> is <paramref name="area"/> or a layer below it in the folder tree
    /// (<c>IpfsKit.Transports.KuboRpc</c> is in <c>IpfsKit.Transports</c>).</summary>
    public static bool IsIn(string layer, string area) =>
        layer == area || layer.StartsWith(area + ".", StringComparison.Ordinal);

    /// <summary>The uses between two different layers of <paramref name="uses"/>, grouped by (from layer, to layer).</summary>
    public static IReadOnlyDictionary<(string From, string To), IReadOnlyList<TypeUse>> Edges(IEnumerable<TypeUse> uses)
    {
        var edges = new Dictionary<(string From, string To), IReadOnlyList<TypeUse>>();
        foreach (var group in uses
            .Select(u => (Use: u, From: Of(u.FromAssembly, u.FromNamespace), To: Of(u.ToAssembly, u.ToNamespace)))
            .Where(e => e.From is not null && e.To is not null && e.From != e.To)
            .GroupBy(e => (e.From!, e.To!)))
        {
            edges[group.Key] = group.Select(e => e.Use).Distinct().ToList();
        }

        return edges;
    }
}
