using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content;

public sealed class MultihashTests
{
    [Fact]
    public void Sha256_HelloWorld_KnownDigest()
    {
        // sha256("hello world\n"), the digest inside bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4.
        var mh = Multihash.Sha256("hello world\n"u8);

        Assert.Equal(Multicodec.Sha256, mh.Code);
        Assert.Equal("1220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447", Convert.ToHexString(mh.Bytes.Span).ToLowerInvariant());
        Assert.Equal(32, mh.Digest.Length);
        Assert.True(mh.Matches("hello world\n"u8));
        Assert.False(mh.Matches("hello world"u8));
        Assert.Equal(mh, Multihash.Compute(Multicodec.Sha256, "hello world\n"u8));
    }

    // The example of the multihash spec (github.com/multiformats/multihash README, "Example": sha2-256("multihash")).
    [Fact]
    public void Sha256_SpecExample_HexAndBase58()
    {
        var mh = Multihash.Sha256("multihash"u8);

        Assert.Equal("12209cbc07c3f991725836a3aa2a581ca2029198aa420b9d99bc0e131d9f3e2cbe47", Convert.ToHexString(mh.Bytes.Span).ToLowerInvariant());
        Assert.Equal("QmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk", mh.ToString());
        Assert.Equal(mh, Multihash.FromBytes(Base58.Decode("QmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk")));
    }

    [Theory]
    [InlineData(Multicodec.Sha256, 34)]
    [InlineData(Multicodec.Sha512, 66)]
    [InlineData(Multicodec.Identity, 7)]
    public void Compute_SupportedFunctions_RoundTripThroughBytes(Multicodec code, int length)
    {
        var mh = Multihash.Compute(code, "12345"u8);

        Assert.Equal(length, mh.Length);
        Assert.True(Multihash.IsSupported(code));
        Assert.Equal(mh, Multihash.FromBytes(mh.Bytes.Span));
        Assert.True(mh.Matches("12345"u8));
    }

    [Fact]
    public void Compute_Identity_DigestIsTheData()
    {
        var mh = Multihash.Compute(Multicodec.Identity, "abc"u8);

        Assert.Equal("0003616263", Convert.ToHexString(mh.Bytes.Span));
        Assert.Equal("abc"u8.ToArray(), mh.Digest.ToArray());
    }

    [Fact]
    public void Compute_IdentityTooLong_ThrowsArgument() =>
        Assert.Throws<ArgumentException>(() => Multihash.Compute(Multicodec.Identity, new byte[Multihash.MaxDigestLength + 1]));

    [Fact]
    public void Compute_Unsupported_ThrowsNotSupported()
    {
        Assert.False(Multihash.IsSupported(Multicodec.Murmur3X64));
        Assert.Throws<NotSupportedException>(() => Multihash.Compute(Multicodec.Murmur3X64, "x"u8));
    }

    [Fact]
    public void Matches_UnsupportedFunction_ThrowsNotSupported()
    {
        var mh = Multihash.FromBytes([0x22, 0x02, 0xAA, 0xBB]); // murmur3-x64-64: parsed and carried, not computed

        Assert.Equal(Multicodec.Murmur3X64, mh.Code);
        Assert.Throws<NotSupportedException>(() => mh.Matches("x"u8));
    }

    [Fact]
    public void Matches_TruncatedSha256_ComparesPrefix()
    {
        var full = Multihash.Sha256("abc"u8);
        var truncated = Multihash.FromBytes([0x12, 0x08, .. full.Digest.Span[..8]]);

        Assert.True(truncated.Matches("abc"u8));
        Assert.False(truncated.Matches("abd"u8));
        Assert.NotEqual(full, truncated);
    }

    [Fact]
    public void Read_TrailingBytes_ReadsOnlyTheMultihash()
    {
        var mh = Multihash.Read([0x00, 0x01, 0x2A, 0xFF, 0xFF], out var read);

        Assert.Equal(3, read);
        Assert.Equal([0x2A], mh.Digest.ToArray());
    }

    [Fact]
    public void Default_IsEmpty()
    {
        Assert.True(default(Multihash).IsEmpty);
        Assert.Equal(default, default(Multihash));
        Assert.False(Multihash.Sha256([]).IsEmpty);
    }

    [Property]
    public Property FromBytes_ComputedMultihashes_RoundTripWithEqualHashCodes() =>
        Prop.ForAll(MultihashGen.ToArbitrary(), mh =>
        {
            var parsed = Multihash.FromBytes(mh.Bytes.Span);
            return parsed == mh && !(parsed != mh) && parsed.GetHashCode() == mh.GetHashCode()
                && parsed.Code == mh.Code && parsed.Digest.Span.SequenceEqual(mh.Digest.Span) && parsed.ToString() == Base58.Encode(mh.Bytes.Span);
        });

    [Property]
    public Property Equals_TwoMultihashes_AgreesWithBytes() =>
        Prop.ForAll(MultihashGen.ToArbitrary(), MultihashGen.ToArbitrary(), (a, b) =>
            (a == b) == a.Bytes.Span.SequenceEqual(b.Bytes.Span) && (a == b) == a.Equals((object)b) && (a != b || a.GetHashCode() == b.GetHashCode()));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("12", "digest length truncated")]
    [InlineData("80", "code truncated")]
    [InlineData("8000", "code varint not minimally encoded")]
    [InlineData("128000", "digest length varint not minimally encoded")]
    [InlineData("1221" + "0000000000000000000000000000000000000000000000000000000000000000" + "00", "sha2-256 digest of 33 bytes is longer than 32")]
    [InlineData("1341", "sha2-512 digest of 65 bytes is longer than 64")]
    [InlineData("122001020304", "digest truncated: 4 of 32 bytes")]
    [InlineData("0081808001", "digest length 2097153 exceeds 4096")]
    [InlineData("0001AABB", "1 bytes after the digest")]
    public void FromBytes_Malformed_ThrowsNamingTheProblem(string hex, string reason)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Multihash.FromBytes(Convert.FromHexString(hex)));

        Assert.Equal("multihash", error.Subject);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void FromBytes_CodeOverNineBytes_ThrowsOverLong()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Multihash.FromBytes([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00]));

        Assert.Equal("code varint longer than 9 bytes", error.Reason);
    }

    [Property]
    public bool FromBytes_RandomBytes_ValueOrTypedError(byte[] bytes) => Fuzz.EndsTyped(() => Multihash.FromBytes(bytes));

    [Property]
    public Property FromBytes_MutatedMultihashes_ValueOrTypedError() =>
        Prop.ForAll(ContentGen.MutatedRepeatedly(MultihashGen.Select(m => m.Bytes.ToArray())).ToArbitrary(), bytes =>
            Fuzz.EndsTyped(() =>
            {
                var mh = Multihash.FromBytes(bytes);
                Assert.Equal(bytes, mh.Bytes.ToArray()); // whatever is accepted is kept byte for byte
            }));

    private static Gen<Multihash> MultihashGen =>
        from code in Gen.Elements(Multicodec.Sha256, Multicodec.Sha512, Multicodec.Identity)
        from data in ContentGen.Bytes(80)
        select Multihash.Compute(code, data);
}
