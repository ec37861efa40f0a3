using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.DagPb;

public sealed class DagPbCodecTests
{
    private static readonly Cid Child = Cid.Compute(Multicodec.Raw, "child"u8);

    [Property]
    public Property DecodeEncode_RandomNodes_RoundTrip() =>
        Prop.ForAll(ContentGen.DagPbNode.ToArbitrary(), node =>
        {
            var bytes = DagPbCodec.Encode(node);
            var decoded = DagPbCodec.Decode(bytes);
            return decoded.Equals(node) && DagPbCodec.Encode(decoded).SequenceEqual(bytes) && bytes.Length == DagPbCodec.GetEncodedLength(node);
        });

    [Fact]
    public void Encode_LinksBeforeData_Canonical()
    {
        var bytes = DagPbCodec.Encode(new DagPbNode([new DagPbLink(Child, "", 5)], new byte[] { 8, 1 }));

        Assert.Equal(0x12, bytes[0]); // Links (field 2) first
        Assert.Equal(0x0A, bytes[^4]); // then Data (field 1)
    }

    [Fact]
    public void Decode_DataThenLinks_ThrowsOutOfOrder()
    {
        var link = DagPbCodec.Encode(new DagPbNode([new DagPbLink(Child, null, null)], null));
        var bytes = new byte[] { 0x0A, 0x01, 0x00 }.Concat(link).ToArray();

        AssertReason(bytes, "Links after Data");
    }

    [Fact]
    public void Decode_DuplicateData_Throws() => AssertReason([0x0A, 0x00, 0x0A, 0x00], "duplicate Data");

    [Fact]
    public void Decode_LinkNameBeforeHash_ThrowsOutOfOrder()
    {
        var hash = Child.ToBytes();
        byte[] link = [0x12, 0x01, (byte)'a', 0x0A, (byte)hash.Length, .. hash];
        AssertReason([0x12, (byte)link.Length, .. link], "out of order");
    }

    [Fact]
    public void Decode_DuplicateHash_Throws()
    {
        var hash = Child.ToBytes();
        byte[] link = [0x0A, (byte)hash.Length, .. hash, 0x0A, (byte)hash.Length, .. hash];
        AssertReason([0x12, (byte)link.Length, .. link], "duplicate");
    }

    [Fact]
    public void Decode_LinkWithoutHash_Throws() => AssertReason([0x12, 0x02, 0x18, 0x05], "without Hash");

    [Fact]
    public void Decode_UnknownField_Throws() => AssertReason([0x1A, 0x00], "unknown PBNode field 3");

    [Fact]
    public void Decode_WrongWireType_Throws() => AssertReason([0x08, 0x01], "wire type 0");

    [Fact]
    public void Decode_LengthPastEnd_Throws() => AssertReason([0x0A, 0x05, 0x01], "runs past the end");

    [Fact]
    public void Decode_NameNotUtf8_Throws()
    {
        var hash = Child.ToBytes();
        byte[] link = [0x0A, (byte)hash.Length, .. hash, 0x12, 0x01, 0xFF];
        AssertReason([0x12, (byte)link.Length, .. link], "not valid UTF-8");
    }

    [Fact]
    public void Decode_HashNotACid_Throws() => AssertReason([0x12, 0x04, 0x0A, 0x02, 0x12, 0x20], "not a CID");

    [Property]
    public bool Decode_RandomBytes_ValueOrTypedError(byte[] bytes) => Fuzz.EndsTyped(() => DagPbCodec.Decode(bytes));

    [Property]
    public Property Decode_MutatedValidNodes_ValueOrTypedError() =>
        Prop.ForAll(ContentGen.Mutated(ContentGen.DagPbNode.Select(DagPbCodec.Encode)).ToArbitrary(), bytes => Fuzz.EndsTyped(() => DagPbCodec.Decode(bytes)));

    private static void AssertReason(byte[] bytes, string reason)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => DagPbCodec.Decode(bytes));
        Assert.Equal("dag-pb", error.Subject);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
