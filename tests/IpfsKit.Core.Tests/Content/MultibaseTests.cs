using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content;

public sealed class MultibaseTests
{
    // Test vectors from the multibase spec (multiformats/multibase, tests/basic.csv: "yes mani !").
    [Theory]
    [InlineData(MultibaseEncoding.Base16, "f796573206d616e692021")]
    [InlineData(MultibaseEncoding.Base16Upper, "F796573206D616E692021")]
    [InlineData(MultibaseEncoding.Base32, "bpfsxgidnmfxgsibb")]
    [InlineData(MultibaseEncoding.Base32Upper, "BPFSXGIDNMFXGSIBB")]
    [InlineData(MultibaseEncoding.Base36, "k2lcpzo5yikidynfl")]
    [InlineData(MultibaseEncoding.Base36Upper, "K2LCPZO5YIKIDYNFL")]
    [InlineData(MultibaseEncoding.Base58Btc, "z7paNL19xttacUY")]
    [InlineData(MultibaseEncoding.Base64, "meWVzIG1hbmkgIQ")]
    [InlineData(MultibaseEncoding.Base64Url, "ueWVzIG1hbmkgIQ")]
    [InlineData(MultibaseEncoding.Base64UrlPad, "UeWVzIG1hbmkgIQ==")]
    public void EncodeDecode_SpecVector_Matches(MultibaseEncoding encoding, string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes("yes mani !");

        Assert.Equal(text, Multibase.Encode(encoding, bytes));
        Assert.Equal(bytes, Multibase.Decode(text, out var decoded));
        Assert.Equal(encoding, decoded);
    }

    [Property]
    public Property EncodeDecode_RandomBytesEveryBase_RoundTrips() =>
        Prop.ForAll(
            Gen.Elements(Enum.GetValues<MultibaseEncoding>()).ToArbitrary(),
            Gen.OneOf(ContentGen.Bytes(80), ContentGen.Bytes(8).Select(b => new byte[] { 0, 0 }.Concat(b).ToArray())).ToArbitrary(),
            (encoding, bytes) => Multibase.Decode(Multibase.Encode(encoding, bytes), out var e).SequenceEqual(bytes) && e == encoding);

    [Theory]
    [InlineData("", "empty")]
    [InlineData("?abc", "unknown prefix")]
    [InlineData("bAB", "not in the alphabet")]
    [InlineData("z0OIl", "not in the alphabet")]
    [InlineData("fabc", "trailing bits")]
    [InlineData("mYQ==", "padding")]
    public void Decode_Malformed_ThrowsNamingTheProblem(string text, string reason)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Multibase.Decode(text, out _));
        Assert.Equal("multibase", error.Subject);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Property]
    public bool Decode_RandomStrings_ValueOrTypedError(string? text) => Fuzz.EndsTyped(() => Multibase.Decode(text ?? string.Empty, out _));
}
