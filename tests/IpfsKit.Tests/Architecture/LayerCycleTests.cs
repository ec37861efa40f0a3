namespace IpfsKit.Tests.Architecture;

/// <summary>
/// No two layers of the library (IpfsKit.Core and IpfsKit; see <see cref="Layers"/>) use each other, directly or through
/// others: the layer graph read from the IL has no strongly connected component of two or more layers. A failure prints
/// the cycle with one type use on each edge, the place to cut it.
/// </summary>
public sealed class LayerCycleTests
{
    [Fact]
    public void LibraryLayers_HaveNoCycle()
    {
        var edges = Layers.Edges(LibraryAssemblies.Library.SelectMany(TypeUseReader.Read).Where(u => !LayerExceptions.IsKnown(u)));

        var cycles = LayerCycles.Find(edges.Keys)
            .Select(c => $"cycle among {string.Join(", ", c)}; the shortest:\n" + string.Join('\n', LayerCycles.Shortest(c, edges.Keys)
                .Select(e => $"  {e.From} → {e.To}: {edges[e][0]}{(edges[e].Count > 1 ? $" (and {edges[e].Count - 1} more)" : "")}")))
            .ToList();

        Assert.True(cycles.Count == 0, "Layer cycles (cut one edge of each; LayerExceptions lists the known ones):\n" + string.Join('\n', cycles));
    }

    [Fact]
    public void LayerExceptions_AreAllStillNeeded()
    {
        var uses = LibraryAssemblies.Library.SelectMany(TypeUseReader.Read).ToList();

        var unused = LayerExceptions.Unused(uses);

        Assert.True(unused.Count == 0, "LayerExceptions lists uses the library no longer makes; remove them:\n" + string.Join('\n', unused));
    }

    [Fact]
    public void Find_ThreeLayersUsingEachOther_ReportsThemAndTheShortestCycle()
    {
        (string, string)[] edges = [("A", "B"), ("B", "C"), ("C", "A"), ("C", "B"), ("C", "D"), ("D", "E")];

        var cycle = Assert.Single(LayerCycles.Find(edges));

        Assert.Equal(["A", "B", "C"], cycle);
        Assert.Equal([("B", "C"), ("C", "B")], LayerCycles.Shortest(cycle, edges));
    }
}
