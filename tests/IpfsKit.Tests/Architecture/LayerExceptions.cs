namespace IpfsKit.Tests.Architecture;

/// <summary>
/// The uses that still point up the layer graph, each named with why it stays. <see cref="LayerCycleTests"/> and
/// <see cref="LayerOrderTests"/> ignore exactly these uses, so a new upward use or a new cycle still fails. Remove an
/// entry when its use is gone.
/// </summary>
internal static class LayerExceptions
{
    /// <summary>(from: a type's full name or a layer; to: a type's full name; why).</summary>
    private static readonly (string From, string To, string Why)[] Known =
    [
        ("IpfsKit.IpfsKitOptions", "IpfsKit.Roles.RolesOptions",
            "the one options tree (STYLE.md rule 6) nests the roles' section; moving RolesOptions (with NodeRole and MasterKeeps) below the facade renames public types"),
        ("IpfsKit.Errors", "IpfsKit.Content.Cid",
            "exceptions carry the CID as a typed property (STYLE.md rule 11) while Cid throws IpfsKitFormatException: Errors and Content are the two roots of IpfsKit.Core"),
        ("IpfsKit.Roles.Coordination", "IpfsKit.Roles.Leecher.OutboxOperation",
            "the forwarded-operation wire record carries the leecher's outbox operation; moving it into Coordination moves public outbox types out of the leecher's namespace"),
        ("IpfsKit.Roles.Coordination", "IpfsKit.Roles.Leecher.OutboxOperationKind", "as OutboxOperation"),
        ("IpfsKit.Roles.Coordination", "IpfsKit.Roles.Leecher.DeviceIds", "as OutboxOperation: the record checks the leecher's device id"),
    ];

    /// <summary>Whether <paramref name="use"/> is one of the known upward uses.</summary>
    public static bool IsKnown(TypeUse use) => Known.Any(k => Matches(k, use));

    /// <summary>The entries no use in <paramref name="uses"/> needs any more (to be removed, so they cannot hide a new use).</summary>
    public static IReadOnlyList<string> Unused(IReadOnlyList<TypeUse> uses) =>
        [.. Known.Where(k => !uses.Any(u => Matches(k, u))).Select(k => $"{k.From} → {k.To}")];

    private static bool Matches((string From, string To, string Why) known, TypeUse use) =>
        known.To == use.To && (known.From == use.From || known.From == Layers.Of(use.FromAssembly, use.FromNamespace));
}
