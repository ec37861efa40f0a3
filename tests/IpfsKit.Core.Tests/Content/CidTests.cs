using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content;

public sealed class CidTests
{
    private const string HelloV0 = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";

    [Fact]
    public void Parse_V0_Properties()
    {
        var cid = Cid.Parse(HelloV0);

        Assert.Equal(0, cid.Version);
        Assert.Equal(Multicodec.DagPb, cid.Codec);
        Assert.Equal(Multicodec.Sha256, cid.HashCode);
        Assert.Equal(34, cid.ByteLength);
        Assert.Equal(HelloV0, cid.ToString());
        Assert.Equal(HelloV0, cid.ToString(MultibaseEncoding.Base58Btc));
    }

    [Fact]
    public void ToV1_V0_SameHashDagPbBase32()
    {
        var v1 = Cid.Parse(HelloV0).ToV1();

        Assert.Equal(1, v1.Version);
        Assert.StartsWith("bafybei", v1.ToString(), StringComparison.Ordinal);
        Assert.Equal(Cid.Parse(HelloV0).Hash, v1.Hash);
        Assert.NotEqual(Cid.Parse(HelloV0), v1);
    }

    [Fact]
    public void Parse_V1InAnotherBase_EqualsBase32Form()
    {
        var cid = Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");

        Assert.Equal(Multicodec.Raw, cid.Codec);
        Assert.Equal(cid, Cid.Parse(cid.ToString(MultibaseEncoding.Base58Btc)));
        Assert.Equal(cid, Cid.Parse(cid.ToString(MultibaseEncoding.Base36)));
        Assert.Equal(cid, Cid.Compute(Multicodec.Raw, "hello world\n"u8));
    }

    [Fact]
    public void ToString_V0InBase32_ThrowsInvalidOperation() =>
        Assert.Throws<InvalidOperationException>(() => Cid.Parse(HelloV0).ToString(MultibaseEncoding.Base32));

    [Fact]
    public void Known_EmptyFileAndDirectory_HashTheirBlocks()
    {
        Assert.Equal("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH", Cid.Compute(Multicodec.DagPb, Convert.FromHexString("0a0408021800"), 0).ToString());
        Assert.Equal("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn", Cid.Compute(Multicodec.DagPb, Convert.FromHexString("0a020801"), 0).ToString());
    }

    [Property]
    public Property ParseFormat_EveryBase_RoundTrips() =>
        Prop.ForAll(ContentGen.Cid.ToArbitrary(), Gen.Elements(Enum.GetValues<MultibaseEncoding>()).ToArbitrary(), (cid, encoding) =>
        {
            var text = cid.Version == 0 ? cid.ToString() : cid.ToString(encoding);
            var parsed = Cid.Parse(text);
            return parsed == cid && parsed.GetHashCode() == cid.GetHashCode() && parsed.CompareTo(cid) == 0;
        });

    [Property]
    public Property Bytes_RoundTrip() =>
        Prop.ForAll(ContentGen.Cid.ToArbitrary(), cid => Cid.FromBytes(cid.ToBytes()) == cid && Cid.FromBytes(cid.ToV1().ToBytes()).Version == 1);

    [Theory]
    [InlineData("", "empty")]
    [InlineData("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff50", "not base58btc")]
    [InlineData("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ffOl", "not base58btc")]
    [InlineData("?afybei", "unknown prefix")]
    [InlineData("BAFKREIFJJCIE6LYPI6NY7AMXNFFTAGCLBUXNDQONFIPMB64F2KM2DEVEi4", "lower-case")]
    [InlineData("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqon", "truncated")]
    public void Parse_Malformed_ThrowsNamingTheProblem(string text, string reason)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Cid.Parse(text));
        Assert.Equal("CID", error.Subject);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.False(Cid.TryParse(text, out _));
    }

    [Fact]
    public void FromBytes_Version2_Throws()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Cid.FromBytes([0x02, 0x55, 0x00, 0x00]));
        Assert.Contains("unsupported version 2", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_V0InsideMultibase_Throws()
    {
        var v0Bytes = Cid.Parse(HelloV0).ToBytes();
        var error = Assert.Throws<IpfsKitFormatException>(() => Cid.Parse(Multibase.Encode(MultibaseEncoding.Base32, v0Bytes)));
        Assert.Contains("CIDv0", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_TrailingBytes_Throws()
    {
        var bytes = Cid.Parse(HelloV0).ToV1().ToBytes().Append((byte)0).ToArray();
        var error = Assert.Throws<IpfsKitFormatException>(() => Cid.FromBytes(bytes));
        Assert.Contains("unexpected bytes", error.Reason, StringComparison.Ordinal);
    }

    [Property]
    public bool FromBytes_RandomAndMutatedBytes_ValueOrTypedError(byte[] random) =>
        Fuzz.EndsTyped(() => Cid.FromBytes(random));

    [Property]
    public Property FromBytes_MutatedValidCids_ValueOrTypedError() =>
        Prop.ForAll(ContentGen.Mutated(ContentGen.Cid.Select(c => c.ToBytes())).ToArbitrary(), bytes => Fuzz.EndsTyped(() => Cid.FromBytes(bytes)));

    [Property]
    public bool Parse_RandomStrings_ValueOrTypedError(string? text) => Fuzz.EndsTyped(() => Cid.Parse(text ?? string.Empty));
}
