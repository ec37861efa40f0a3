using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.DagPb;

/// <summary>Known blocks and round trips; bad input is in <c>DagPbCodecTests.Malformed.cs</c>.</summary>
public sealed partial class DagPbCodecTests
{
    // The CID of the compat vectors of go-codec-dagpb compat_test.go (mirrored in js-dag-pb test/test-compat.js):
    // CIDv1, raw, identity multihash of 00 01 02 03 04.
    private static readonly Cid CompatCid = Cid.FromBytes(Convert.FromHexString("015500050001020304"));

    private static readonly Cid Child = Cid.Compute(Multicodec.Raw, "child"u8);

    // IPIP-550 fixtures (go-codec-dagpb fieldorder_test.go): one UnixFS directory holding hello.txt, in both PBNode
    // field orders.
    private const string DirLinksFirst = "12330a24015512205891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03120968656c6c6f2e74787418060a020801";
    private const string DirDataFirst = "0a02080112330a24015512205891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03120968656c6c6f2e7478741806";
    private const string HamtLinksFirst = "12350a24015512205891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03120b444668656c6c6f2e74787418060a250805121c800000000000000000000000000000000000000000000000000000002822308002";
    private const string HamtDataFirst = "0a250805121c80000000000000000000000000000000000000000000000000000000282230800212350a24015512205891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03120b444668656c6c6f2e7478741806";

    public static TheoryData<string, DagPbNode> CompatVectors => new()
    {
        { string.Empty, new DagPbNode([], null) },
        { "0a00", new DagPbNode([], Array.Empty<byte>()) },
        { "0a050001020304", new DagPbNode([], new byte[] { 0, 1, 2, 3, 4 }) },
        { "120b0a09015500050001020304", new DagPbNode([new DagPbLink(CompatCid, null, null)], null) },
        { "120d0a090155000500010203041200", new DagPbNode([new DagPbLink(CompatCid, string.Empty, null)], null) },
        { "12160a090155000500010203041209736f6d65206e616d65", new DagPbNode([new DagPbLink(CompatCid, "some name", null)], null) },
        { "120d0a090155000500010203041800", new DagPbNode([new DagPbLink(CompatCid, null, 0)], null) },
        { "12140a0901550005000102030418ffffffffffffff0f", new DagPbNode([new DagPbLink(CompatCid, null, 9007199254740991)], null) },
    };

    [Theory]
    [MemberData(nameof(CompatVectors))]
    public void EncodeDecode_CompatVectors_ExactBytes(string hex, DagPbNode node)
    {
        Assert.Equal(hex, Convert.ToHexString(DagPbCodec.Encode(node)).ToLowerInvariant());
        Assert.Equal(hex.Length / 2, DagPbCodec.GetEncodedLength(node));
        Assert.Equal(node, DagPbCodec.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Decode_EmptyBlock_NoLinksAndAbsentData()
    {
        var node = DagPbCodec.Decode(ReadOnlyMemory<byte>.Empty);

        Assert.Empty(node.Links);
        Assert.Null(node.Data);
    }

    [Theory]
    [InlineData(DirLinksFirst, DirDataFirst)]
    [InlineData(HamtLinksFirst, HamtDataFirst)]
    public void Decode_EitherFieldOrder_SameNodeAndCanonicalReencode(string linksFirst, string dataFirst)
    {
        var canonical = DagPbCodec.Decode(Convert.FromHexString(linksFirst));
        var legacy = DagPbCodec.Decode(Convert.FromHexString(dataFirst));

        Assert.Equal(canonical, legacy);
        Assert.Equal(linksFirst, Convert.ToHexString(DagPbCodec.Encode(legacy)).ToLowerInvariant());
    }

    [Fact]
    public void Decode_Ipip550Directory_NamesHelloTxt()
    {
        var node = DagPbCodec.Decode(Convert.FromHexString(DirLinksFirst));

        var link = Assert.Single(node.Links);
        Assert.Equal("hello.txt", link.Name);
        Assert.Equal(6UL, link.Tsize);
        Assert.Equal(Multicodec.Raw, link.Hash.Codec);
        Assert.Equal(new UnixFsData { Type = UnixFsType.Directory }, UnixFsCodec.Decode(node.Data!.Value));
    }

    // /work/shared/vectors/README.md: Kubo's CIDv0 of "hello world\n", the empty file and the empty directory are the
    // sha2-256 of these dag-pb nodes wrapping a UnixFS message.
    [Fact]
    public void Encode_HelloWorldLeaf_KuboCid()
    {
        var unixFs = UnixFsCodec.Encode(new UnixFsData { Type = UnixFsType.File, Data = "hello world\n"u8.ToArray(), FileSize = 12 });
        var block = DagPbCodec.Encode(new DagPbNode([], unixFs));

        Assert.Equal("0a120802120c68656c6c6f20776f726c640a180c", Convert.ToHexString(block).ToLowerInvariant());
        Assert.Equal("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", Cid.Compute(Multicodec.DagPb, block, 0).ToString());
    }

    [Fact]
    public void Encode_EmptyFile_KuboCid()
    {
        var block = DagPbCodec.Encode(new DagPbNode([], UnixFsCodec.Encode(new UnixFsData { Type = UnixFsType.File, FileSize = 0 })));

        Assert.Equal("0a0408021800", Convert.ToHexString(block).ToLowerInvariant());
        Assert.Equal("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH", Cid.Compute(Multicodec.DagPb, block, 0).ToString());
    }

    [Fact]
    public void Encode_EmptyDirectory_KuboCid()
    {
        var block = DagPbCodec.Encode(new DagPbNode([], UnixFsCodec.Encode(new UnixFsData { Type = UnixFsType.Directory })));

        Assert.Equal("0a020801", Convert.ToHexString(block).ToLowerInvariant());
        Assert.Equal("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn", Cid.Compute(Multicodec.DagPb, block, 0).ToString());
    }

    [Fact]
    public void Encode_LinksBeforeData_Canonical()
    {
        var bytes = DagPbCodec.Encode(new DagPbNode([new DagPbLink(Child, string.Empty, 5)], new byte[] { 8, 1 }));

        Assert.Equal(0x12, bytes[0]); // Links (field 2) first
        Assert.Equal("0a020801", Convert.ToHexString(bytes[^4..]).ToLowerInvariant()); // then Data (field 1)
    }

    [Fact]
    public void Encode_IntoSpan_WritesEncodedLength()
    {
        var node = new DagPbNode([new DagPbLink(Child, "\U0001F600", ulong.MaxValue)], new byte[] { 1, 2, 3 });
        var buffer = new byte[DagPbCodec.GetEncodedLength(node) + 3];

        var written = DagPbCodec.Encode(node, buffer);

        Assert.Equal(DagPbCodec.GetEncodedLength(node), written);
        Assert.Equal(DagPbCodec.Encode(node), buffer[..written]);
    }

    [Fact]
    public void Encode_NameWithLoneSurrogate_ThrowsInsteadOfReplacingIt()
    {
        var node = new DagPbNode([new DagPbLink(Child, "a\uD800b", null)], null);

        Assert.ThrowsAny<ArgumentException>(() => DagPbCodec.GetEncodedLength(node));
        Assert.ThrowsAny<ArgumentException>(() => DagPbCodec.Encode(node));
    }

    [Fact]
    public void Decode_DataIsASliceOfTheBlock()
    {
        var block = Convert.FromHexString("0a050001020304");
        var node = DagPbCodec.Decode(block);

        block[2] = 0xFF; // the node reads the caller's bytes, as documented
        Assert.Equal(0xFF, node.Data!.Value.Span[0]);
    }

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool DecodeEncode_RandomNodes_RoundTrip(DagPbNode node)
    {
        var bytes = DagPbCodec.Encode(node);
        var decoded = DagPbCodec.Decode(bytes);
        return decoded.Equals(node) && decoded.GetHashCode() == node.GetHashCode() && bytes.Length == DagPbCodec.GetEncodedLength(node)
            && decoded.Data.HasValue == node.Data.HasValue;
    }

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool EncodeDecode_ValidEncodings_ByteForByte(DagPbNode node)
    {
        var bytes = DagPbCodec.Encode(node);
        return DagPbCodec.Encode(DagPbCodec.Decode(bytes)).AsSpan().SequenceEqual(bytes);
    }

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool Decode_DataFirstForm_SameNode(DagPbNode node)
    {
        var canonical = DagPbCodec.Encode(node);
        var linksLength = canonical.Length - (node.Data is { } data ? 1 + Varint.GetLength((ulong)data.Length) + data.Length : 0);
        byte[] dataFirst = [.. canonical.AsSpan(linksLength), .. canonical.AsSpan(0, linksLength)];
        return DagPbCodec.Decode(dataFirst).Equals(node);
    }
}
