namespace IpfsKit.Tests.Architecture;

/// <summary>
/// The documented direction (docs/architecture.md): the library's layers in tiers, top first; a layer may use its own
/// tier and the tiers below, never one above (the registration on top uses everything; roles use the sharding executor,
/// backups and the facade; the facade uses transports; transports never use roles, the executor, backups or the
/// facade). A layer missing from the table fails too: a new folder takes its place here and in the docs.
/// </summary>
public sealed class LayerOrderTests
{
    /// <summary>Who may use whom: each tier may use itself and the tiers after it.</summary>
    internal static readonly string[][] Tiers =
    [
        ["IpfsKit.DependencyInjection"],
        ["IpfsKit.Roles.Master"],
        ["IpfsKit.Roles.Worker", "IpfsKit.Roles.Leecher"],
        ["IpfsKit.Roles"],
        ["IpfsKit.Roles.Coordination"],
        ["IpfsKit.Sharding.Execution", "IpfsKit.Backup"],
        ["IpfsKit"],
        ["IpfsKit.Transports.Embedded", "IpfsKit.Transports.KuboRpc", "IpfsKit.Transports.Gateway", "IpfsKit.IpfsCluster"],
        ["IpfsKit.Transports"],
        ["IpfsKit.Http", "IpfsKit.Resilience", "IpfsKit.Diagnostics", "IpfsKit.Sqlite"],
        // IpfsKit.Core
        ["IpfsKit.Content.Car"],
        ["IpfsKit.Sharding", "IpfsKit.Storage", "IpfsKit.Content.UnixFs.Importing", "IpfsKit.Content.UnixFs.Reading"],
        ["IpfsKit.Blocks"],
        ["IpfsKit.Content.DagPb", "IpfsKit.Content.UnixFs"],
        ["IpfsKit.Content"],
        ["IpfsKit.Errors"],
    ];

    [Fact]
    public void LibraryLayers_UseOnlyTheirTierAndBelow()
    {
        var tierOf = Tiers.SelectMany((layers, tier) => layers.Select(layer => (layer, tier))).ToDictionary(t => t.layer, t => t.tier);
        var edges = Layers.Edges(LibraryAssemblies.Library.SelectMany(TypeUseReader.Read).Where(u => !LayerExceptions.IsKnown(u)));

        var unplaced = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Where(l => !tierOf.ContainsKey(l)).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(unplaced.Count == 0, "Layers missing from LayerOrderTests.Tiers (place them, and in docs/architecture.md): " + string.Join(", ", unplaced));

        var upward = edges
            .Where(e => tierOf[e.Key.From] > tierOf[e.Key.To])
            .OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal)
            .Select(e => $"{e.Key.From} → {e.Key.To}:\n" + string.Join('\n', e.Value.Take(5).Select(u => $"  {u}")) + (e.Value.Count > 5 ? $"\n  … and {e.Value.Count - 5} more" : ""))
            .ToList();

        Assert.True(upward.Count == 0, "Uses up the layer order (move the used type down, or invert through an interface the lower layer defines):\n" + string.Join('\n', upward));
    }
}
