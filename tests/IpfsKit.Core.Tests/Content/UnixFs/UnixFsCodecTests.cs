using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content.UnixFs;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.UnixFs;

public sealed class UnixFsCodecTests
{
    [Property]
    public Property DecodeEncode_RandomMessages_RoundTrip() =>
        Prop.ForAll(ContentGen.UnixFsData.ToArbitrary(), data =>
        {
            var bytes = UnixFsCodec.Encode(data);
            return UnixFsCodec.Decode(bytes).Equals(data) && bytes.Length == UnixFsCodec.GetEncodedLength(data);
        });

    [Fact]
    public void Encode_EmptyFile_KuboBytes() =>
        Assert.Equal("08021800", Convert.ToHexString(UnixFsCodec.Encode(new UnixFsData { Type = UnixFsType.File, FileSize = 0 })));

    [Fact]
    public void Decode_PackedBlockSizes_Accepted() =>
        Assert.Equal([1UL, 300UL], UnixFsCodec.Decode(new byte[] { 0x08, 0x02, 0x22, 0x03, 0x01, 0xAC, 0x02 }).BlockSizes);

    [Theory]
    [InlineData("1800", "Type is missing")]
    [InlineData("0809", "unknown Type 9")]
    [InlineData("0A00", "wire type 2, expected 0")]
    [InlineData("0802120501", "runs past the end")]
    [InlineData("08024A00", "unknown field 9")]
    public void Decode_Malformed_ThrowsNamingTheProblem(string hex, string reason)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => UnixFsCodec.Decode(Convert.FromHexString(hex)));
        Assert.Equal("UnixFS", error.Subject);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Property]
    public bool Decode_RandomBytes_ValueOrTypedError(byte[] bytes) => Fuzz.EndsTyped(() => UnixFsCodec.Decode(bytes));

    [Property]
    public Property Decode_MutatedValidMessages_ValueOrTypedError() =>
        Prop.ForAll(ContentGen.Mutated(ContentGen.UnixFsData.Select(UnixFsCodec.Encode)).ToArbitrary(), bytes => Fuzz.EndsTyped(() => UnixFsCodec.Decode(bytes)));
}
