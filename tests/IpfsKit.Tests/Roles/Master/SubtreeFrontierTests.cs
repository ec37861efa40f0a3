using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Roles.Master.Internal;

namespace IpfsKit.Tests.Roles.Master;

/// <summary>
/// The subtrees of an add in progress the master may place: a written node whose children are all pending replaces
/// them; one with a child already taken stays out (a border node the master keeps).
/// </summary>
[Trait("Category", "Roles")]
public sealed class SubtreeFrontierTests
{
    [Fact]
    public void Add_ParentOfPendingLeaves_ReplacesThemWithOneSubtree()
    {
        var frontier = new SubtreeFrontier();
        var (a, b) = (Leaf(1), Leaf(2));
        Assert.Equal(a.Size, frontier.Add(a));
        Assert.Equal(b.Size, frontier.Add(b));
        Assert.Equal(0, frontier.Add(a)); // written again: counted once
        var parent = Node(a, b);
        Assert.Equal(0, frontier.Add(parent));

        var items = frontier.Take(leaves: false);
        var item = Assert.Single(items);
        Assert.Equal(parent.Cid, item.Root);
        Assert.Equal([a.Cid, b.Cid], item.Leaves);
        Assert.Equal(a.Size + b.Size, item.LeafBytes);
        Assert.Equal(a.Size + b.Size + parent.Size, item.Bytes);
        Assert.True(frontier.IsEmpty);
    }

    [Fact]
    public void Add_ParentOfATakenChild_StaysABorderAndItsOtherChildrenStayLoneLeaves()
    {
        var frontier = new SubtreeFrontier();
        var (a, b) = (Leaf(1), Leaf(2));
        frontier.Add(a);
        Assert.False(frontier.HasNodes);
        Assert.Empty(frontier.Take(leaves: false)); // lone leaves wait for their parent unless asked for
        Assert.Equal(a.Cid, Assert.Single(frontier.Take(leaves: true)).Root);

        frontier.Add(b);
        frontier.Add(Node(a, b));
        Assert.False(frontier.HasNodes);
        Assert.Equal(b.Cid, Assert.Single(frontier.Take(leaves: true)).Root);
        Assert.Equal(0, frontier.PendingLeafBytes);
    }

    private static Block Leaf(byte seed) => Block.Create(Enumerable.Repeat(seed, 100 + seed).ToArray());

    private static Block Node(params Block[] children) =>
        Block.Create(DagPbCodec.Encode(new DagPbNode([.. children.Select(c => new DagPbLink(c.Cid, "", (ulong)c.Size))], null)), Multicodec.DagPb);
}
