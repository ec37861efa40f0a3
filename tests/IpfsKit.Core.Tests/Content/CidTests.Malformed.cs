using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content;

/// <summary>Bad text and bytes: each fails with an <see cref="IpfsKitFormatException"/> that names the problem.</summary>
public sealed partial class CidTests
{
    private static readonly byte[] HelloDigest = Multihash.Sha256("hello world\n"u8).Digest.ToArray();

    [Theory]
    [InlineData("", "empty string")]
    [InlineData("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff50", "CIDv0 is not base58btc: character '0' is not in the alphabet")]
    [InlineData("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ffO5", "CIDv0 is not base58btc: character 'O' is not in the alphabet")]
    [InlineData("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ffl5", "CIDv0 is not base58btc: character 'l' is not in the alphabet")]
    [InlineData("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ffI5", "CIDv0 is not base58btc: character 'I' is not in the alphabet")]
    [InlineData("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5", "unknown prefix 'Q'")] // 45 characters: not a CIDv0
    [InlineData(" bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", "unknown prefix ' '")]
    [InlineData("?afybei", "unknown prefix '?'")]
    [InlineData("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4 ", "base32: character ' ' is not in the alphabet")]
    [InlineData("bAFKREIFJJCIE6LYPI6NY7AMXNFFTAGCLBUXNDQONFIPMB64F2KM2DEVEI4", "base32: character 'A' is not in the alphabet")]
    [InlineData("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devEI4", "base32: character 'E' is not in the alphabet")]
    [InlineData("BAFKREIFJJCIE6LYPI6NY7AMXNFFTAGCLBUXNDQONFIPMB64F2KM2DEVEi4", "base32upper: lower-case character 'i'")]
    [InlineData("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4==", "base32: padding is not allowed")]
    [InlineData("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqon", "multihash: digest truncated: 21 of 32 bytes")]
    [InlineData("bafkreia", "multihash: digest truncated: 0 of 32 bytes")]
    [InlineData("bafkq", "multihash: empty")]
    [InlineData("bae", "codec truncated")]
    [InlineData("ba", "base32: trailing bits are not zero or the length is impossible")]
    [InlineData("b", "empty")]
    [InlineData("zQmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", "a CIDv0 cannot be written in a multibase other than plain base58btc")]
    public void Parse_Malformed_ThrowsNamingTheProblem(string text, string reason)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Cid.Parse(text));

        Assert.Equal("CID", error.Subject);
        Assert.Equal(reason, error.Reason);
        Assert.False(Cid.TryParse(text, out var cid));
        Assert.True(cid.IsEmpty);
    }

    [Theory]
    [InlineData(MultibaseEncoding.Base32)]
    [InlineData(MultibaseEncoding.Base58Btc)]
    [InlineData(MultibaseEncoding.Base16)]
    public void Parse_V0BytesInAMultibase_Throws(MultibaseEncoding encoding)
    {
        var text = Multibase.Encode(encoding, Cid.Parse(HelloV0).ToBytes());
        var error = Assert.Throws<IpfsKitFormatException>(() => Cid.Parse(text));

        Assert.Equal("a CIDv0 cannot be written in a multibase other than plain base58btc", error.Reason);
    }

    [Theory]
    [InlineData(2UL, "unsupported version 2")]
    [InlineData(3UL, "unsupported version 3")]
    [InlineData(0UL, "unsupported version 0")]
    [InlineData(0x13UL, "unsupported version 19")]
    [InlineData(300UL, "unsupported version 300")]
    public void Parse_OtherVersions_ThrowsUnsupported(ulong version, string reason)
    {
        byte[] bytes = [.. Varint(version), 0x55, 0x12, 0x20, .. HelloDigest];
        var text = Multibase.Encode(MultibaseEncoding.Base32, bytes);

        Assert.Equal(reason, Assert.Throws<IpfsKitFormatException>(() => Cid.Parse(text)).Reason);
        Assert.Equal(reason, Assert.Throws<IpfsKitFormatException>(() => Cid.FromBytes(bytes)).Reason);
    }

    [Fact]
    public void Parse_TrailingBytes_Throws()
    {
        var text = Multibase.Encode(MultibaseEncoding.Base32, [.. Cid.Parse(HelloRaw).ToBytes(), 0x00]);
        var error = Assert.Throws<IpfsKitFormatException>(() => Cid.Parse(text));

        Assert.Equal("1 unexpected bytes after the multihash", error.Reason);
        Assert.Equal(36, error.Offset);
    }

    [Fact]
    public void FromBytes_TrailingBytesAfterV0_Throws()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Cid.FromBytes([.. Cid.Parse(HelloV0).ToBytes(), 0x00, 0x01]));

        Assert.Equal("2 unexpected bytes after the multihash", error.Reason);
        Assert.Equal(34, error.Offset);
    }

    public static TheoryData<string, string, int?> MalformedBytes => new()
    {
        { string.Empty, "empty", null },
        { "1220" + "00", "a CIDv0 must be a 34-byte sha2-256 multihash", 0 },
        { "12" + "21" + new string('0', 66), "a CIDv0 must be a 34-byte sha2-256 multihash", 0 },
        { "12" + "14" + new string('0', 40), "a CIDv0 must be a 34-byte sha2-256 multihash", 0 }, // truncated sha2-256 is not a CIDv0
        { "01", "codec truncated", 1 },
        { "0180", "codec truncated", 1 },
        { "01D500" + "1220", "codec varint not minimally encoded", 1 },
        { "8100" + "55", "version varint not minimally encoded", 0 },
        { "80", "version truncated", 0 },
        { "0155" + "1221" + new string('0', 66), "multihash: sha2-256 digest of 33 bytes is longer than 32", 3 },
        { "0155" + "1341", "multihash: sha2-512 digest of 65 bytes is longer than 64", 3 },
        { "0155" + "1220" + "0102", "multihash: digest truncated: 2 of 32 bytes", 4 },
        { "0155" + "12", "multihash: digest length truncated", 3 },
        { "0155" + "FFFFFFFFFFFFFFFFFF01" + "00", "multihash: code varint longer than 9 bytes", 2 },
    };

    [Theory]
    [MemberData(nameof(MalformedBytes))]
    public void FromBytes_Malformed_ThrowsNamingTheProblem(string hex, string reason, int? offset)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Cid.FromBytes(Convert.FromHexString(hex)));

        Assert.Equal("CID", error.Subject);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void FromBytes_WrappedMultihashError_KeepsTheCause()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Cid.FromBytes([0x01, 0x55, 0x12, 0x20, 0x00]));

        var inner = Assert.IsType<IpfsKitFormatException>(error.InnerException);
        Assert.Equal("multihash", inner.Subject);
    }

    private static byte[] Varint(ulong value)
    {
        var buffer = new byte[IpfsKit.Content.Varint.GetLength(value)];
        IpfsKit.Content.Varint.Write(buffer, value);
        return buffer;
    }
}
