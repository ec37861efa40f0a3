using FsCheck;
using FsCheck.Fluent;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;

namespace IpfsKit.Tests.Generators;

/// <summary>
/// Registers <see cref="ContentGen"/> for parameters of <c>[Property(Arbitrary = [typeof(ContentArbitraries)])]</c>
/// tests, so a property can take a <see cref="Cid"/>, a node or an encoding directly.
/// </summary>
public static class ContentArbitraries
{
    public static Arbitrary<Cid> Cid() => ContentGen.Cid.ToArbitrary();

    public static Arbitrary<MultibaseEncoding> Encoding() => ContentGen.Encoding.ToArbitrary();

    public static Arbitrary<DagPbNode> DagPbNode() => ContentGen.DagPbNode.ToArbitrary();

    public static Arbitrary<UnixFsData> UnixFsData() => ContentGen.UnixFsData.ToArbitrary();
}
