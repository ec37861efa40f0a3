using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content.DagPb;
using IpfsKit.Errors;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.DagPb;

/// <summary>
/// The strictness rules of the IPLD dag-pb spec (ipld/ipld specs/codecs/dag-pb/spec.md, "Protobuf Strictness" and
/// "Constraints"): each violation is an <see cref="IpfsKitFormatException"/> with subject "dag-pb" naming the problem.
/// </summary>
public sealed partial class DagPbCodecTests
{
    private static readonly byte[] ChildBytes = Child.ToBytes();

    private static byte[] HashField => [0x0A, (byte)ChildBytes.Length, .. ChildBytes];

    // Malformed vectors of go-codec-dagpb compat_test.go / js-dag-pb test-compat.js.
    [Theory]
    [InlineData("0a0500010203", "field length 5 runs past the end (4 bytes left)")]
    [InlineData("120b0a090155000500010203", "field length 11 runs past the end (10 bytes left)")]
    [InlineData("1200", "PBLink without Hash")]
    [InlineData("12000a050001020304", "PBLink without Hash")]
    [InlineData("12021200", "PBLink without Hash")]
    [InlineData("120b1209736f6d65206e616d65", "PBLink without Hash")]
    [InlineData("12021800", "PBLink without Hash")]
    [InlineData("120318f207", "PBLink without Hash")]
    [InlineData("12020a00", "PBLink Hash is not a CID: empty")]
    public void Decode_CompatMalformedVectors_Throw(string hex, string reason) => AssertReason(Convert.FromHexString(hex), reason);

    [Fact]
    public void Decode_LinksOnBothSidesOfData_ThrowsOutOfOrder()
    {
        byte[] link = [0x12, (byte)HashField.Length, .. HashField];
        byte[] bytes = [.. link, 0x0A, 0x01, 0x00, .. link];

        var error = AssertReason(bytes, "Links on both sides of Data (fields out of order)");
        Assert.Equal(link.Length + 3, error.Offset);
    }

    [Fact]
    public void Decode_DataThenLinks_AcceptedAsTheSpecAsks()
    {
        byte[] link = [0x12, (byte)HashField.Length, .. HashField];
        var node = DagPbCodec.Decode(new byte[] { 0x0A, 0x01, 0x07 }.Concat(link).Concat(link).ToArray());

        Assert.Equal(2, node.Links.Count);
        Assert.Equal([0x07], node.Data!.Value.ToArray());
    }

    [Fact]
    public void Decode_DuplicateData_Throws() => Assert.Equal(2, AssertReason([0x0A, 0x00, 0x0A, 0x00], "duplicate Data field").Offset);

    [Fact]
    public void Decode_DataLinksData_ThrowsDuplicateData()
    {
        byte[] link = [0x12, (byte)HashField.Length, .. HashField];
        AssertReason([0x0A, 0x00, .. link, 0x0A, 0x00], "duplicate Data field");
    }

    [Fact]
    public void Decode_LinkNameBeforeHash_ThrowsOutOfOrder() =>
        AssertLinkReason([0x12, 0x01, (byte)'a', .. HashField], "PBLink field 1 is out of order");

    [Fact]
    public void Decode_LinkTsizeBeforeName_ThrowsOutOfOrder() =>
        AssertLinkReason([.. HashField, 0x18, 0x01, 0x12, 0x01, (byte)'a'], "PBLink field 2 is out of order");

    [Fact]
    public void Decode_LinkTsizeBeforeHash_ThrowsOutOfOrder() =>
        AssertLinkReason([0x18, 0x01, .. HashField], "PBLink field 1 is out of order");

    [Fact]
    public void Decode_DuplicateHash_Throws() => AssertLinkReason([.. HashField, .. HashField], "PBLink field 1 is duplicate");

    [Fact]
    public void Decode_DuplicateName_Throws() =>
        AssertLinkReason([.. HashField, 0x12, 0x01, (byte)'a', 0x12, 0x01, (byte)'b'], "PBLink field 2 is duplicate");

    [Fact]
    public void Decode_DuplicateTsize_Throws() => AssertLinkReason([.. HashField, 0x18, 0x01, 0x18, 0x02], "PBLink field 3 is duplicate");

    [Theory]
    [InlineData("1a00", "unknown PBNode field 3")]
    [InlineData("0200", "unknown PBNode field 0")]
    [InlineData("fa0100", "unknown PBNode field 31")]
    [InlineData("0801", "PBNode field 1 has wire type 0, expected 2")]
    [InlineData("1001", "PBNode field 2 has wire type 0, expected 2")]
    [InlineData("0d00000000", "PBNode field 1 has wire type 5, expected 2")]
    [InlineData("0b", "PBNode field 1 has wire type 3, expected 2")]
    [InlineData("80", "truncated varint")]
    [InlineData("0a", "truncated varint")]
    [InlineData("0aff", "truncated varint")]
    [InlineData("0affffffffffffffffff7f", "varint overflows 64 bits")]
    [InlineData("0affffffff0f00", "field length 4294967295 runs past the end (1 bytes left)")]
    public void Decode_BadPBNodeFields_Throw(string hex, string reason) => AssertReason(Convert.FromHexString(hex), reason);

    [Fact]
    public void Decode_UnknownPBLinkField_Throws() => AssertLinkReason([.. HashField, 0x20, 0x01], "unknown PBLink field 4");

    [Fact]
    public void Decode_HashWithWireType0_Throws() => AssertLinkReason([0x08, 0x01], "PBLink field 1 has wire type 0, expected 2");

    [Fact]
    public void Decode_NameWithWireType0_Throws() => AssertLinkReason([.. HashField, 0x10, 0x01], "PBLink field 2 has wire type 0, expected 2");

    [Fact]
    public void Decode_TsizeWithWireType2_Throws() => AssertLinkReason([.. HashField, 0x1A, 0x01, 0x00], "PBLink field 3 has wire type 2, expected 0");

    [Fact]
    public void Decode_FieldInsideLinkRunsPastTheLink_ThrowsAtBlockOffset()
    {
        // The Hash claims 5 bytes; the link holds 0 more, though the block goes on (with a valid Data field).
        var error = AssertReason([0x12, 0x02, 0x0A, 0x05, 0x0A, 0x03, 0x01, 0x02, 0x03], "field length 5 runs past the end (0 bytes left)");
        Assert.Equal(3, error.Offset);
    }

    [Fact]
    public void Decode_TruncatedTsizeInsideLink_ThrowsAtBlockOffset()
    {
        byte[] link = [.. HashField, 0x18, 0x80];
        var error = AssertReason([0x0A, 0x00, 0x12, (byte)link.Length, .. link], "truncated varint");
        Assert.Equal(4 + HashField.Length + 1, error.Offset);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0x80 })] // over-long encoding of NUL
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { 0x61, 0xE2, 0x82 })] // cut inside a character
    public void Decode_NameNotUtf8_Throws(byte[] name)
    {
        var error = AssertLinkReason([.. HashField, 0x12, (byte)name.Length, .. name], "PBLink Name is not valid UTF-8");
        Assert.Equal(2 + HashField.Length + 2, error.Offset);
    }

    [Theory]
    [InlineData("1220", "PBLink Hash is not a CID: a CIDv0 must be a 34-byte sha2-256 multihash")]
    [InlineData("02551200", "PBLink Hash is not a CID: unsupported version 2")]
    [InlineData("0155122000", "PBLink Hash is not a CID: multihash: digest truncated: 1 of 32 bytes")]
    [InlineData("0155000000", "PBLink Hash is not a CID: 1 unexpected bytes after the multihash")]
    public void Decode_HashNotACid_Throws(string cidHex, string reason)
    {
        var cid = Convert.FromHexString(cidHex);
        var error = AssertLinkReason([0x0A, (byte)cid.Length, .. cid], reason);
        Assert.IsType<IpfsKitFormatException>(error.InnerException);
    }

    [Property]
    public bool Decode_RandomBytes_ValueOrTypedError(byte[] bytes) => Fuzz.EndsTyped(() => DagPbCodec.Decode(bytes));

    [Property]
    public Property Decode_MutatedValidNodes_ValueOrTypedError() =>
        Prop.ForAll(ContentGen.MutatedRepeatedly(ContentGen.DagPbNode.Select(DagPbCodec.Encode)).ToArbitrary(), bytes =>
            Fuzz.EndsTyped(() =>
            {
                var node = DagPbCodec.Decode(bytes);
                Assert.Equal(node, DagPbCodec.Decode(DagPbCodec.Encode(node))); // whatever is accepted re-encodes
            }));

    private static IpfsKitFormatException AssertReason(byte[] bytes, string reason)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => DagPbCodec.Decode(bytes));
        Assert.Equal("dag-pb", error.Subject);
        Assert.Equal(reason, error.Reason);
        return error;
    }

    private static IpfsKitFormatException AssertLinkReason(byte[] link, string reason) => AssertReason([0x12, (byte)link.Length, .. link], reason);
}
