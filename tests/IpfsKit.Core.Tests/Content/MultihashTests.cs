using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content;

public sealed class MultihashTests
{
    [Fact]
    public void Sha256_HelloWorld_KnownDigest()
    {
        var mh = Multihash.Sha256("hello world\n"u8);

        Assert.Equal(Multicodec.Sha256, mh.Code);
        Assert.Equal("1220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447", Convert.ToHexString(mh.Bytes.Span).ToLowerInvariant());
        Assert.True(mh.Matches("hello world\n"u8));
        Assert.False(mh.Matches("hello world"u8));
    }

    [Theory]
    [InlineData(Multicodec.Sha256, 34)]
    [InlineData(Multicodec.Sha512, 66)]
    [InlineData(Multicodec.Identity, 7)]
    public void Compute_SupportedFunctions_RoundTripThroughBytes(Multicodec code, int length)
    {
        var mh = Multihash.Compute(code, "12345"u8);

        Assert.Equal(length, mh.Length);
        Assert.Equal(mh, Multihash.FromBytes(mh.Bytes.Span));
        Assert.True(mh.Matches("12345"u8));
    }

    [Fact]
    public void Compute_Unsupported_ThrowsNotSupported() =>
        Assert.Throws<NotSupportedException>(() => Multihash.Compute(Multicodec.Murmur3X64, "x"u8));

    [Fact]
    public void FromBytes_DigestLongerThanSha256_Throws()
    {
        var bytes = new byte[35];
        bytes[0] = 0x12;
        bytes[1] = 33;
        var error = Assert.Throws<IpfsKitFormatException>(() => Multihash.FromBytes(bytes));
        Assert.Contains("longer than 32", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_TruncatedDigest_Throws()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Multihash.FromBytes([0x12, 0x20, 1, 2, 3]));
        Assert.Contains("digest truncated", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_TruncatedSha256_ComparesPrefix()
    {
        var full = Multihash.Sha256("abc"u8);
        var truncated = Multihash.FromBytes([0x12, 0x08, .. full.Digest.Span[..8]]);

        Assert.True(truncated.Matches("abc"u8));
    }

    [Property]
    public bool FromBytes_RandomBytes_ValueOrTypedError(byte[] bytes) => Fuzz.EndsTyped(() => Multihash.FromBytes(bytes));
}
