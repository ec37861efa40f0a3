using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content.UnixFs;
using IpfsKit.Errors;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.UnixFs;

/// <summary>Bad UnixFS messages: each is an <see cref="IpfsKitFormatException"/> with subject "UnixFS" naming the problem.</summary>
public sealed partial class UnixFsCodecTests
{
    [Theory]
    [InlineData("", "required field Type is missing", null)]
    [InlineData("1800", "required field Type is missing", null)]
    [InlineData("120161", "required field Type is missing", null)]
    [InlineData("0806", "unknown Type 6", 0)]
    [InlineData("0809", "unknown Type 9", 0)]
    [InlineData("0802" + "08ffffffffffffffffff01", "unknown Type 18446744073709551615", 2)]
    [InlineData("0a00", "field 1 has wire type 2, expected 0", 0)]
    [InlineData("0d00000000", "field 1 has wire type 5, expected 0", 0)]
    [InlineData("080210" + "00", "field 2 has wire type 0, expected 2", 2)]
    [InlineData("08021a00", "field 3 has wire type 2, expected 0", 2)]
    [InlineData("08022d00000000", "field 5 has wire type 5, expected 0", 2)]
    [InlineData("08023200", "field 6 has wire type 2, expected 0", 2)]
    [InlineData("08023a00", "field 7 has wire type 2, expected 0", 2)]
    [InlineData("08024000", "field 8 has wire type 0, expected 2", 2)]
    [InlineData("08022500000000", "blocksizes has wire type 5", 2)]
    [InlineData("08024a00", "unknown field 9", 2)]
    [InlineData("08020200", "unknown field 0", 2)]
    [InlineData("0802120501", "field length 5 runs past the end", 3)]
    [InlineData("0802420501", "field length 5 runs past the end", 3)]
    [InlineData("0802" + "388080808010", "mode exceeds 32 bits", 2)]
    [InlineData("08", "truncated varint", 1)]
    [InlineData("0802" + "18ff", "truncated varint", 3)]
    [InlineData("0802" + "18ffffffffffffffffff7f", "varint overflows 64 bits", 3)]
    public void Decode_Malformed_ThrowsNamingTheProblem(string hex, string reason, int? offset)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => UnixFsCodec.Decode(Convert.FromHexString(hex)));

        Assert.Equal("UnixFS", error.Subject);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(offset, error.Offset);
    }

    // The UnixTime message inside field 8 (Seconds = 1 as int64, FractionalNanoseconds = 2 as fixed32); offsets count
    // from the start of the UnixFS message.
    [Theory]
    [InlineData("0802" + "4200", "mtime without Seconds", 4)]
    [InlineData("0802" + "4205" + "1501000000", "mtime without Seconds", 4)]
    [InlineData("0802" + "4203" + "080115", "mtime nanoseconds truncated", 7)]
    [InlineData("0802" + "4202" + "1001", "unknown mtime field key 16", 4)]
    [InlineData("0802" + "4202" + "0880", "truncated varint", 5)]
    [InlineData("0802" + "4202" + "0880" + "01", "truncated varint", 5)] // the varint may not run on past the mtime message
    public void Decode_BadMtime_ThrowsAtMessageOffset(string hex, string reason, int offset)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => UnixFsCodec.Decode(Convert.FromHexString(hex)));

        Assert.Equal("UnixFS", error.Subject);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void Decode_TruncatedPackedBlockSizes_ThrowsAtMessageOffset()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => UnixFsCodec.Decode(new byte[] { 0x08, 0x02, 0x22, 0x02, 0x01, 0x80, 0x01 }));

        Assert.Equal("truncated varint", error.Reason);
        Assert.Equal(5, error.Offset);
    }

    [Property]
    public bool Decode_RandomBytes_ValueOrTypedError(byte[] bytes) => Fuzz.EndsTyped(() => UnixFsCodec.Decode(bytes));

    [Property]
    public Property Decode_MutatedValidMessages_ValueOrTypedError() =>
        Prop.ForAll(ContentGen.MutatedRepeatedly(ContentGen.UnixFsData.Select(UnixFsCodec.Encode)).ToArbitrary(), bytes =>
            Fuzz.EndsTyped(() =>
            {
                var data = UnixFsCodec.Decode(bytes);
                Assert.Equal(data, UnixFsCodec.Decode(UnixFsCodec.Encode(data))); // whatever is accepted re-encodes
            }));
}
