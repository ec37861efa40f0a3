using IpfsKit.Content;

namespace IpfsKit.Tests.Content;

/// <summary>Known CIDs and the API surface; properties and bad input are in the other <c>CidTests.*.cs</c> parts.</summary>
public sealed partial class CidTests
{
    // /work/shared/vectors/README.md: Kubo's CIDs for "hello world\n" (CIDv0 dag-pb, CIDv1 raw leaf) and empty input.
    private const string HelloV0 = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";
    private const string HelloRaw = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";

    [Fact]
    public void Parse_V0_Properties()
    {
        var cid = Cid.Parse(HelloV0);

        Assert.Equal(0, cid.Version);
        Assert.Equal(Multicodec.DagPb, cid.Codec);
        Assert.Equal(Multicodec.Sha256, cid.HashCode);
        Assert.Equal(34, cid.ByteLength);
        Assert.Equal("122046d44814b9c5af141c3aaab7c05dc5e844ead5f91f12858b021eba45768b4c0e", Convert.ToHexString(cid.ToBytes()).ToLowerInvariant());
        Assert.Equal(cid.ToBytes(), cid.Hash.Bytes.ToArray());
        Assert.Equal(HelloV0, cid.ToString());
        Assert.Equal(HelloV0, cid.ToString(MultibaseEncoding.Base58Btc));
        Assert.Equal(HelloV0, cid.Hash.ToString());
    }

    [Fact]
    public void Parse_HelloRaw_IsSha256OfTheBytes()
    {
        var cid = Cid.Parse(HelloRaw);

        Assert.Equal(1, cid.Version);
        Assert.Equal(Multicodec.Raw, cid.Codec);
        Assert.Equal(Multicodec.Sha256, cid.HashCode);
        Assert.Equal(Multihash.Sha256("hello world\n"u8), cid.Hash);
        Assert.Equal(cid, Cid.Compute(Multicodec.Raw, "hello world\n"u8));
        Assert.Equal(HelloRaw, cid.ToString());
    }

    [Theory]
    [InlineData("0a0408021800", "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH")] // empty UnixFS file (vectors README)
    [InlineData("0a020801", "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn")] // empty UnixFS directory (vectors README)
    [InlineData("", "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n")] // zero-length dag-pb block (IPLD dag-pb spec)
    public void Compute_DagPbBlocks_KnownV0(string blockHex, string expected)
    {
        var cid = Cid.Compute(Multicodec.DagPb, Convert.FromHexString(blockHex), version: 0);

        Assert.Equal(expected, cid.ToString());
        Assert.Equal(cid, Cid.Parse(expected));
    }

    [Theory]
    [InlineData(Multicodec.DagPb, "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")] // IPLD dag-pb spec, zero-length block
    [InlineData(Multicodec.Raw, "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")] // vectors README, empty file v1
    public void Compute_EmptyBlock_KnownV1(Multicodec codec, string expected) =>
        Assert.Equal(expected, Cid.Compute(codec, []).ToString());

    // The example of the CID spec (github.com/multiformats/cid README, "Human Readable CIDs").
    [Fact]
    public void Parse_SpecExample_HumanReadableParts()
    {
        var cid = Cid.Parse("zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA");

        Assert.Equal(1, cid.Version);
        Assert.Equal(Multicodec.Raw, cid.Codec);
        Assert.Equal(Multicodec.Sha256, cid.HashCode);
        Assert.Equal("6e6ff7950a36187a801613426e858dce686cd7d7e3c0fc42ee0330072d245c95", Convert.ToHexString(cid.Hash.Digest.Span).ToLowerInvariant());
        Assert.Equal("zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA", cid.ToString(MultibaseEncoding.Base58Btc));
    }

    [Fact]
    public void ToV1_V0_SameHashDagPbBase32()
    {
        var v0 = Cid.Parse(HelloV0);
        var v1 = v0.ToV1();

        Assert.Equal("bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby", v1.ToString());
        Assert.Equal(1, v1.Version);
        Assert.Equal(Multicodec.DagPb, v1.Codec);
        Assert.Equal(v0.Hash, v1.Hash);
        Assert.NotEqual(v0, v1);
        Assert.Equal(v1, v1.ToV1());
    }

    // Expected strings computed independently (Python base64/base32 and a big-integer base-x) from the bytes
    // 01 55 12 20 sha256("hello world\n").
    [Theory]
    [InlineData(MultibaseEncoding.Base16, "f01551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447")]
    [InlineData(MultibaseEncoding.Base16Upper, "F01551220A948904F2F0F479B8F8197694B30184B0D2ED1C1CD2A1EC0FB85D299A192A447")]
    [InlineData(MultibaseEncoding.Base32, HelloRaw)]
    [InlineData(MultibaseEncoding.Base32Upper, "BAFKREIFJJCIE6LYPI6NY7AMXNFFTAGCLBUXNDQONFIPMB64F2KM2DEVEI4")]
    [InlineData(MultibaseEncoding.Base36, "k2cwuecvan95uqzq14dj3a18wx6av6tgr73nxvopxn3j5kvyr0apys7b")]
    [InlineData(MultibaseEncoding.Base36Upper, "K2CWUECVAN95UQZQ14DJ3A18WX6AV6TGR73NXVOPXN3J5KVYR0APYS7B")]
    [InlineData(MultibaseEncoding.Base58Btc, "zb2rhi36Gc9GJWijLEL6zW45MBux5FcFv5gJmjXA7VAMozEXY")]
    [InlineData(MultibaseEncoding.Base64, "mAVUSIKlIkE8vD0ebj4GXaUswGEsNLtHBzSoewPuF0pmhkqRH")]
    [InlineData(MultibaseEncoding.Base64Url, "uAVUSIKlIkE8vD0ebj4GXaUswGEsNLtHBzSoewPuF0pmhkqRH")]
    [InlineData(MultibaseEncoding.Base64UrlPad, "UAVUSIKlIkE8vD0ebj4GXaUswGEsNLtHBzSoewPuF0pmhkqRH")]
    public void ToString_EveryBase_KnownTextThatParsesBack(MultibaseEncoding encoding, string expected)
    {
        var cid = Cid.Parse(HelloRaw);

        Assert.Equal(expected, cid.ToString(encoding));
        Assert.Equal(cid, Cid.Parse(expected));
        Assert.True(Cid.TryParse(expected, out var tried));
        Assert.Equal(cid, tried);
    }

    [Theory]
    [InlineData(MultibaseEncoding.Base16)]
    [InlineData(MultibaseEncoding.Base16Upper)]
    [InlineData(MultibaseEncoding.Base32)]
    [InlineData(MultibaseEncoding.Base32Upper)]
    [InlineData(MultibaseEncoding.Base36)]
    [InlineData(MultibaseEncoding.Base36Upper)]
    [InlineData(MultibaseEncoding.Base64)]
    [InlineData(MultibaseEncoding.Base64Url)]
    [InlineData(MultibaseEncoding.Base64UrlPad)]
    public void ToString_V0InAnotherBase_ThrowsInvalidOperation(MultibaseEncoding encoding) =>
        Assert.Throws<InvalidOperationException>(() => Cid.Parse(HelloV0).ToString(encoding));

    [Fact]
    public void Default_IsEmptyAndHarmless()
    {
        var cid = default(Cid);

        Assert.True(cid.IsEmpty);
        Assert.Equal(0, cid.ByteLength);
        Assert.Empty(cid.ToBytes());
        Assert.Equal(string.Empty, cid.ToString());
        Assert.Equal(string.Empty, cid.ToString(MultibaseEncoding.Base32));
        Assert.True(cid.Hash.IsEmpty);
        Assert.Equal(cid, cid.ToV1());
        Assert.True(cid < Cid.Parse(HelloV0));
    }

    [Fact]
    public void CreateV0_NotAFullSha256_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => Cid.CreateV0(Multihash.Compute(Multicodec.Sha512, "x"u8)));
        Assert.Throws<ArgumentException>(() => Cid.CreateV0(Multihash.FromBytes([0x12, 0x01, 0x00])));
    }

    [Fact]
    public void CreateV1_EmptyMultihash_ThrowsArgument() =>
        Assert.Throws<ArgumentException>(() => Cid.CreateV1(Multicodec.Raw, default));

    [Fact]
    public void CreateV1_LargeCodec_KeepsIt()
    {
        var codec = (Multicodec)((1UL << 63) - 1);
        var cid = Cid.CreateV1(codec, Multihash.Sha256("x"u8));

        Assert.Equal(codec, cid.Codec);
        Assert.Equal(1 + 9 + 34, cid.ByteLength);
        Assert.Equal(cid, Cid.Parse(cid.ToString()));
        Assert.Equal(Multihash.Sha256("x"u8), cid.Hash);
    }

    [Fact]
    public void Compute_BadVersionOrCodec_Throws()
    {
        Assert.Throws<ArgumentException>(() => Cid.Compute(Multicodec.Raw, "x"u8, version: 0));
        Assert.Throws<ArgumentException>(() => Cid.Compute(Multicodec.DagPb, "x"u8, version: 0, Multicodec.Sha512));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cid.Compute(Multicodec.Raw, "x"u8, version: 2));
        Assert.Throws<NotSupportedException>(() => Cid.Compute(Multicodec.Raw, "x"u8, 1, Multicodec.Murmur3X64));
    }

    [Fact]
    public void FromSha256Digest_SameAsCompute()
    {
        var digest = Multihash.Sha256("abc"u8).Digest.Span;

        Assert.Equal(Cid.Compute(Multicodec.DagPb, "abc"u8, 0), Cid.FromSha256Digest(0, Multicodec.DagPb, digest));
        Assert.Equal(Cid.Compute(Multicodec.Raw, "abc"u8), Cid.FromSha256Digest(1, Multicodec.Raw, digest));
    }

    [Fact]
    public void Read_TrailingBytes_ReadsOneCid()
    {
        var v1 = Cid.Parse(HelloRaw).ToBytes();
        var v0 = Cid.Parse(HelloV0).ToBytes();

        Assert.Equal(Cid.Parse(HelloRaw), Cid.Read([.. v1, .. v0], out var read));
        Assert.Equal(v1.Length, read);
        Assert.Equal(Cid.Parse(HelloV0), Cid.Read([.. v0, .. v1], out read));
        Assert.Equal(34, read);
    }

    [Fact]
    public void WriteToAndAsSpan_BinaryForm()
    {
        var cid = Cid.Parse(HelloRaw);
        var buffer = new byte[cid.ByteLength + 2];

        Assert.Equal(cid.ByteLength, cid.WriteTo(buffer));
        Assert.Equal(cid.ToBytes(), buffer[..cid.ByteLength]);
        Assert.True(cid.AsSpan().SequenceEqual(cid.ToBytes()));
        Assert.NotSame(cid.ToBytes(), cid.ToBytes());
    }

    [Fact]
    public void IParsable_GenericParse_Works()
    {
        Assert.Equal(Cid.Parse(HelloRaw), ParseAs<Cid>(HelloRaw));
        Assert.False(Cid.TryParse(null, out var none));
        Assert.True(none.IsEmpty);
        Assert.Throws<ArgumentNullException>(() => Cid.Parse((string)null!));
    }

    [Fact]
    public void Ordering_ByBinaryForm()
    {
        var v0 = Cid.Parse(HelloV0); // starts 0x12
        var v1 = Cid.Parse(HelloRaw); // starts 0x01

        Assert.True(v1 < v0);
        Assert.True(v1 <= v0);
        Assert.True(v0 > v1);
        Assert.True(v0 >= Cid.Parse(HelloV0));
        Assert.True(v0 != v1);
        Assert.False(v0.Equals((object)HelloV0));
    }

    private static T ParseAs<T>(string text)
        where T : IParsable<T> => T.Parse(text, null);
}
