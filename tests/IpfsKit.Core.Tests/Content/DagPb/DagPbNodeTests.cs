using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.DagPb;

public sealed class DagPbNodeTests
{
    private static readonly Cid Child = Cid.Compute(Multicodec.Raw, "child"u8);

    [Fact]
    public void Constructor_LinkWithoutCid_ThrowsArgument() =>
        Assert.Throws<ArgumentException>(() => new DagPbNode([new DagPbLink(default, "x", null)], null));

    [Fact]
    public void Constructor_NullLinks_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>(() => new DagPbNode(null!, null));

    [Fact]
    public void Equals_AbsentAndEmptyData_Differ()
    {
        var absent = new DagPbNode([], null);
        var empty = new DagPbNode([], Array.Empty<byte>());

        Assert.NotEqual(absent, empty);
        Assert.NotEqual(DagPbCodec.Encode(absent), DagPbCodec.Encode(empty));
    }

    [Fact]
    public void Equals_ComparesLinksInOrderAndDataBytes()
    {
        var a = new DagPbLink(Child, "a", 1);
        var b = new DagPbLink(Child, "b", 1);

        Assert.Equal(new DagPbNode([a, b], new byte[] { 1 }), new DagPbNode([a, b], new byte[] { 1 }));
        Assert.NotEqual(new DagPbNode([a, b], null), new DagPbNode([b, a], null));
        Assert.NotEqual(new DagPbNode([a], new byte[] { 1 }), new DagPbNode([a], new byte[] { 2 }));
        Assert.NotEqual(new DagPbNode([a], null), new DagPbNode([a with { Tsize = null }], null));
        Assert.NotEqual(new DagPbNode([a], null), new DagPbNode([a with { Name = null }], null));
        Assert.False(new DagPbNode([], null).Equals(null));
        Assert.False(new DagPbNode([], null).Equals("node"));
    }

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool Equals_EqualNodes_EqualHashCodes(DagPbNode node)
    {
        // Not node.Data?.ToArray() nor "… ? memory : null": both turn null into an empty memory that is present data.
        ReadOnlyMemory<byte>? data = null;
        if (node.Data is { } bytes)
        {
            data = bytes.ToArray();
        }

        var copy = new DagPbNode(node.Links.ToArray(), data);
        return copy.Equals(node) && node.Equals((object)copy) && copy.GetHashCode() == node.GetHashCode();
    }
}
