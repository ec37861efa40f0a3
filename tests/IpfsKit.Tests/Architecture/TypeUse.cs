namespace IpfsKit.Tests.Architecture;

/// <summary>
/// One use of a type by another, as found in the IL: <paramref name="From"/> (a type of <paramref name="FromAssembly"/>,
/// nested and compiler-generated types counted as their outermost type) uses <paramref name="To"/> in
/// <paramref name="Site"/> (a member name, "base type", "attribute", …).
/// </summary>
internal sealed record TypeUse(string FromAssembly, string FromNamespace, string From, string ToAssembly, string ToNamespace, string To, string Site)
{
    /// <inheritdoc/>
    public override string ToString() => $"{From} → {To} (in {Site})";
}
