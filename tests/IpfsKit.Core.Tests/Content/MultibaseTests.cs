using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content;

public sealed class MultibaseTests
{
    // Test vectors from the multibase spec, github.com/multiformats/multibase tests/basic.csv ("yes mani !"),
    // tests/leading_zero.csv ("\x00yes mani !") and tests/two_leading_zeros.csv ("\x00\x00yes mani !"), for every base
    // IpfsKit supports.
    [Theory]
    [InlineData("", MultibaseEncoding.Base16, "f796573206d616e692021")]
    [InlineData("", MultibaseEncoding.Base16Upper, "F796573206D616E692021")]
    [InlineData("", MultibaseEncoding.Base32, "bpfsxgidnmfxgsibb")]
    [InlineData("", MultibaseEncoding.Base32Upper, "BPFSXGIDNMFXGSIBB")]
    [InlineData("", MultibaseEncoding.Base36, "k2lcpzo5yikidynfl")]
    [InlineData("", MultibaseEncoding.Base36Upper, "K2LCPZO5YIKIDYNFL")]
    [InlineData("", MultibaseEncoding.Base58Btc, "z7paNL19xttacUY")]
    [InlineData("", MultibaseEncoding.Base64, "meWVzIG1hbmkgIQ")]
    [InlineData("", MultibaseEncoding.Base64Url, "ueWVzIG1hbmkgIQ")]
    [InlineData("", MultibaseEncoding.Base64UrlPad, "UeWVzIG1hbmkgIQ==")]
    [InlineData("\0", MultibaseEncoding.Base16, "f00796573206d616e692021")]
    [InlineData("\0", MultibaseEncoding.Base16Upper, "F00796573206D616E692021")]
    [InlineData("\0", MultibaseEncoding.Base32, "bab4wk4zanvqw42jaee")]
    [InlineData("\0", MultibaseEncoding.Base32Upper, "BAB4WK4ZANVQW42JAEE")]
    [InlineData("\0", MultibaseEncoding.Base36, "k02lcpzo5yikidynfl")]
    [InlineData("\0", MultibaseEncoding.Base36Upper, "K02LCPZO5YIKIDYNFL")]
    [InlineData("\0", MultibaseEncoding.Base58Btc, "z17paNL19xttacUY")]
    [InlineData("\0", MultibaseEncoding.Base64, "mAHllcyBtYW5pICE")]
    [InlineData("\0", MultibaseEncoding.Base64Url, "uAHllcyBtYW5pICE")]
    [InlineData("\0", MultibaseEncoding.Base64UrlPad, "UAHllcyBtYW5pICE=")]
    [InlineData("\0\0", MultibaseEncoding.Base16, "f0000796573206d616e692021")]
    [InlineData("\0\0", MultibaseEncoding.Base16Upper, "F0000796573206D616E692021")]
    [InlineData("\0\0", MultibaseEncoding.Base32, "baaahszltebwwc3tjeaqq")]
    [InlineData("\0\0", MultibaseEncoding.Base32Upper, "BAAAHSZLTEBWWC3TJEAQQ")]
    [InlineData("\0\0", MultibaseEncoding.Base36, "k002lcpzo5yikidynfl")]
    [InlineData("\0\0", MultibaseEncoding.Base36Upper, "K002LCPZO5YIKIDYNFL")]
    [InlineData("\0\0", MultibaseEncoding.Base58Btc, "z117paNL19xttacUY")]
    [InlineData("\0\0", MultibaseEncoding.Base64, "mAAB5ZXMgbWFuaSAh")]
    [InlineData("\0\0", MultibaseEncoding.Base64Url, "uAAB5ZXMgbWFuaSAh")]
    [InlineData("\0\0", MultibaseEncoding.Base64UrlPad, "UAAB5ZXMgbWFuaSAh")]
    public void EncodeDecode_SpecVector_Matches(string leadingZeros, MultibaseEncoding encoding, string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(leadingZeros + "yes mani !");

        Assert.Equal(text, Multibase.Encode(encoding, bytes));
        Assert.Equal(text[1..], Multibase.EncodeWithoutPrefix(encoding, bytes));
        Assert.Equal(bytes, Multibase.Decode(text, out var decoded));
        Assert.Equal(encoding, decoded);
        Assert.True(Multibase.TryDecode(text, out var tried, out var data));
        Assert.Equal(encoding, tried);
        Assert.Equal(bytes, data);
    }

    // Examples from the multibase spec README ("Multibase by example": "Multibase is awesome! \o/").
    [Theory]
    [InlineData("F4D756C74696261736520697320617765736F6D6521205C6F2F")]
    [InlineData("BJV2WY5DJMJQXGZJANFZSAYLXMVZW63LFEEQFY3ZP")]
    [InlineData("K3IY8QKL64VUGCX009XWUHKF6GBBTS3TVRXFRA5R")]
    [InlineData("zYAjKoNbau5KiqmHPmSxYCvn66dA1vLmwbt")]
    public void Decode_SpecReadmeExamples_SameText(string text) =>
        Assert.Equal(@"Multibase is awesome! \o/", System.Text.Encoding.ASCII.GetString(Multibase.Decode(text, out _)));

    [Theory]
    [InlineData(MultibaseEncoding.Base16, "f")]
    [InlineData(MultibaseEncoding.Base32, "b")]
    [InlineData(MultibaseEncoding.Base58Btc, "z")]
    [InlineData(MultibaseEncoding.Base64UrlPad, "U")]
    public void EncodeDecode_Empty_PrefixOnly(MultibaseEncoding encoding, string text)
    {
        Assert.Equal(text, Multibase.Encode(encoding, []));
        Assert.Empty(Multibase.Decode(text, out _));
    }

    [Theory]
    [InlineData("m+/8")]
    [InlineData("u-_8")]
    [InlineData("U-_8=")]
    public void Decode_Base64Alphabets_LastTwoCharacters(string text) => Assert.Equal([0xFB, 0xFF], Multibase.Decode(text, out _));

    [Fact]
    public void Encode_UnknownEncoding_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Multibase.Encode((MultibaseEncoding)'c', [1]));

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public Property EncodeDecode_RandomBytesEveryBase_RoundTrips(MultibaseEncoding encoding) =>
        Prop.ForAll(ContentGen.BytesWithLeadingZeros(80).ToArbitrary(), bytes =>
        {
            var text = Multibase.Encode(encoding, bytes);
            return text[0] == (char)encoding && Multibase.Decode(text, out var e).SequenceEqual(bytes) && e == encoding;
        });

    [Property]
    public Property Decode_AnythingAccepted_IsTheCanonicalEncoding() =>
        Prop.ForAll(ContentGen.MutatedText(ValidText).ToArbitrary(), text =>
            Fuzz.EndsTyped(() =>
            {
                var bytes = Multibase.Decode(text, out var encoding);
                Assert.Equal(text, Multibase.Encode(encoding, bytes)); // one text form per value: no lenient aliases
            }));

    [Theory]
    [InlineData("", "empty string")]
    [InlineData("?abc", "unknown prefix '?'")]
    [InlineData("cpfsxgidnmfxgsibb", "unknown prefix 'c'")] // base32pad: a real base IpfsKit does not read
    [InlineData("bAB", "base32: character 'A' is not in the alphabet")]
    [InlineData("z0OIl", "base58btc: character '0' is not in the alphabet")]
    [InlineData("z1O", "base58btc: character 'O' is not in the alphabet")]
    [InlineData("zl", "base58btc: character 'l' is not in the alphabet")]
    [InlineData("fabc", "base16: trailing bits are not zero or the length is impossible")]
    [InlineData("bb", "base32: trailing bits are not zero or the length is impossible")]
    [InlineData("bmz", "base32: trailing bits are not zero or the length is impossible")]
    [InlineData("mYR", "base64: trailing bits are not zero or the length is impossible")]
    [InlineData("mY", "base64: trailing bits are not zero or the length is impossible")]
    [InlineData("mYQ==", "base64: padding is not allowed")]
    [InlineData("uYQ=", "base64url: padding is not allowed")]
    [InlineData("m+/9", "base64: trailing bits are not zero or the length is impossible")]
    [InlineData("u-_9", "base64url: trailing bits are not zero or the length is impossible")]
    [InlineData("m-_8A", "base64: character '-' is not in the alphabet")]
    [InlineData("u+/8A", "base64url: character '+' is not in the alphabet")]
    [InlineData("F4d", "base16upper: lower-case character 'd'")]
    [InlineData("K2lc", "base36upper: lower-case character 'l'")]
    [InlineData("k2LC", "base36: character 'L' is not in the alphabet")]
    [InlineData("z7paN\u00e9", "base58btc: character '\u00e9' is not in the alphabet")]
    public void Decode_Malformed_ThrowsNamingTheProblem(string text, string reason)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Multibase.Decode(text, out _));

        Assert.Equal("multibase", error.Subject);
        Assert.Equal(reason, error.Reason);
        Assert.False(Multibase.TryDecode(text, out _, out var data));
        Assert.Null(data);
    }

    // tests/case_insensitivity.csv of the multibase spec says mixed case should decode; IpfsKit reads each base in
    // its one case so that every value has exactly one text form (a CID string is then a stable key).
    [Theory]
    [InlineData("f68656c6c6f20776F726C64", "base16: character 'F' is not in the alphabet")]
    [InlineData("F68656c6c6f20776F726C64", "base16upper: lower-case character 'c'")]
    [InlineData("bnbswy3dpeB3W64TMMQ", "base32: character 'B' is not in the alphabet")]
    [InlineData("Bnbswy3dpeB3W64TMMQ", "base32upper: lower-case character 'n'")]
    [InlineData("kfUvrsIvVnfRbjWaJo", "base36: character 'U' is not in the alphabet")]
    [InlineData("KfUVrSIVVnFRbJWAJo", "base36upper: lower-case character 'f'")]
    public void Decode_MixedCaseSpecVectors_RejectedAsNonCanonical(string text, string reason) =>
        Assert.Equal(reason, Assert.Throws<IpfsKitFormatException>(() => Multibase.Decode(text, out _)).Reason);

    [Theory]
    [InlineData("bpfsxgidnmfxgsibb======", "base32: padding is not allowed")]
    [InlineData("BPFSXGIDNMFXGSIBB=", "base32upper: padding is not allowed")]
    [InlineData("f79=", "base16: padding is not allowed")]
    [InlineData("F79==", "base16upper: padding is not allowed")]
    [InlineData("UeWVzIG1hbmkgIQ", "base64urlpad: 0 padding characters where 2 are required")]
    [InlineData("UeWVzIG1hbmkgIQ=", "base64urlpad: 1 padding characters where 2 are required")]
    [InlineData("UeWVzIG1hbmkgIQ===", "base64urlpad: 3 padding characters where 2 are required")]
    [InlineData("UAAB5ZXMgbWFuaSAh====", "base64urlpad: 4 padding characters where 0 are required")]
    [InlineData("U=", "base64urlpad: 1 padding characters where 0 are required")]
    [InlineData("UeW=Vzg==", "base64urlpad: character '=' is not in the alphabet")]
    public void Decode_WrongPadding_Throws(string text, string reason) =>
        Assert.Equal(reason, Assert.Throws<IpfsKitFormatException>(() => Multibase.Decode(text, out _)).Reason);

    [Theory]
    [InlineData("K\u212A")] // KELVIN SIGN lower-cases to ASCII 'k' under char.ToLowerInvariant
    [InlineData("B\u212A\u212A")]
    [InlineData("BN\u0130")] // LATIN CAPITAL LETTER I WITH DOT ABOVE
    public void Decode_NonAsciiLookalikeInUpperBase_Throws(string text)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Multibase.Decode(text, out _));

        Assert.Contains("is not in the alphabet", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Malformed_OffsetCountsThePrefix()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Multibase.Decode("bpfs1", out _));

        Assert.Equal(4, error.Offset);
        Assert.IsType<IpfsKitFormatException>(error.InnerException);
    }

    [Fact]
    public void Decode_Base58OverLimit_ThrowsInsteadOfQuadraticWork()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Multibase.Decode("z" + new string('2', 64 * 1024 + 1), out _));

        Assert.Equal("base58btc: longer than 65536 characters", error.Reason);
    }

    [Property]
    public bool Decode_RandomStrings_ValueOrTypedError(string? text) => Fuzz.EndsTyped(() => Multibase.Decode(text ?? string.Empty, out _));

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool Decode_RandomStringsAfterEveryPrefix_ValueOrTypedError(MultibaseEncoding encoding, string? text) =>
        Fuzz.EndsTyped(() => Multibase.Decode((char)encoding + text, out _));

    private static Gen<string> ValidText =>
        from encoding in ContentGen.Encoding
        from bytes in ContentGen.BytesWithLeadingZeros(40)
        select Multibase.Encode(encoding, bytes);
}
