using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content;

public sealed class VarintTests
{
    // Examples from the multiformats unsigned-varint spec (github.com/multiformats/unsigned-varint README), plus the
    // boundaries of each length and the largest multiformats value, 2^63 - 1 (9 bytes).
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7F")]
    [InlineData(128UL, "8001")]
    [InlineData(255UL, "FF01")]
    [InlineData(300UL, "AC02")]
    [InlineData(16383UL, "FF7F")]
    [InlineData(16384UL, "808001")]
    [InlineData((1UL << 56) - 1, "FFFFFFFFFFFFFF7F")]
    [InlineData(1UL << 56, "8080808080808080" + "01")]
    [InlineData((1UL << 63) - 1, "FFFFFFFFFFFFFFFF7F")]
    public void Write_SpecExamples_SpecBytes(ulong value, string hex)
    {
        var buffer = new byte[10];
        var n = Varint.Write(buffer, value);

        Assert.Equal(hex, Convert.ToHexString(buffer, 0, n));
        Assert.Equal(n, Varint.GetLength(value));
        Assert.Equal(value, Varint.Read(Convert.FromHexString(hex), out var read));
        Assert.Equal(n, read);
    }

    [Fact]
    public void Write_AboveMultiformatRange_TenProtobufBytes()
    {
        var buffer = new byte[10];

        Assert.Equal(10, Varint.Write(buffer, ulong.MaxValue));
        Assert.Equal("FFFFFFFFFFFFFFFFFF01", Convert.ToHexString(buffer));
        Assert.Equal(10, Varint.GetLength(1UL << 63));
    }

    [Fact]
    public void Write_DestinationTooShort_ThrowsArgument() =>
        Assert.Throws<ArgumentException>(() => Varint.Write(new byte[1], 128));

    [Fact]
    public void Write_BufferWriter_AppendsVarint()
    {
        var writer = new ArrayBufferWriter<byte>();
        Varint.Write(writer, 300);
        Varint.Write(writer, 1);

        Assert.Equal("AC0201", Convert.ToHexString(writer.WrittenSpan));
    }

    [Fact]
    public void Read_TrailingBytes_ReadsOnlyTheVarint()
    {
        Assert.Equal(300UL, Varint.Read([0xAC, 0x02, 0xFF, 0xFF], out var read));
        Assert.Equal(2, read);
    }

    [Property]
    public Property WriteRead_EveryValueBelow2Pow63_RoundTrips() =>
        Prop.ForAll(ContentGen.ULong63.ToArbitrary(), value =>
        {
            var buffer = new byte[Varint.MaxMultiformatLength];
            var n = Varint.Write(buffer, value);
            var status = Varint.TryRead(buffer.AsSpan(0, n), out var tried, out var triedLength);
            return Varint.Read(buffer.AsSpan(0, n), out var read) == value && read == n && n == Varint.GetLength(value)
                && status == OperationStatus.Done && tried == value && triedLength == n;
        });

    [Property]
    public Property TryRead_EveryProperPrefix_NeedsMoreData() =>
        Prop.ForAll(ContentGen.ULong63.ToArbitrary(), value =>
        {
            var buffer = new byte[Varint.MaxMultiformatLength];
            var n = Varint.Write(buffer, value);
            return Enumerable.Range(0, n).All(length => Varint.TryRead(buffer.AsSpan(0, length), out _, out _) == OperationStatus.NeedMoreData);
        });

    [Property]
    public Property WriteReadProtobuf_EveryUlong_RoundTrips() =>
        Prop.ForAll(ContentGen.ULongAnyLength.ToArbitrary(), value =>
        {
            var buffer = new byte[Varint.MaxProtobufLength + 1];
            var n = Varint.Write(buffer.AsSpan(1), value);
            var at = 1;
            return Varint.ReadProtobuf(buffer.AsSpan(0, n + 1), ref at, "test") == value && at == n + 1;
        });

    [Property]
    public bool WriteReadProtobuf_DefaultUlongs_RoundTrip(ulong value)
    {
        var buffer = new byte[10];
        var n = Varint.Write(buffer, value);
        var at = 0;
        return Varint.ReadProtobuf(buffer.AsSpan(0, n), ref at, "test") == value && at == n;
    }

    [Fact]
    public void Read_Empty_ThrowsTruncated()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Varint.Read([], out _));

        Assert.Equal("varint", error.Subject);
        Assert.Equal("truncated", error.Reason);
    }

    [Theory]
    [InlineData("80")]
    [InlineData("8080")]
    [InlineData("FFFFFFFFFFFFFFFF")]
    public void Read_Truncated_ThrowsTruncated(string hex)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Varint.Read(Convert.FromHexString(hex), out _));

        Assert.Equal("varint", error.Subject);
        Assert.Equal("truncated", error.Reason);
        Assert.Equal(OperationStatus.NeedMoreData, Varint.TryRead(Convert.FromHexString(hex), out _, out _));
    }

    [Theory]
    [InlineData("FFFFFFFFFFFFFFFFFF01")] // 2^64 - 1: the protobuf form, one byte too many for multiformats
    [InlineData("80808080808080808001")] // 2^63
    [InlineData("FFFFFFFFFFFFFFFFFF")] // the 9th byte still says "more"
    public void Read_TenBytes_ThrowsOverLong(string hex)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Varint.Read(Convert.FromHexString(hex), out _));

        Assert.Equal("varint", error.Subject);
        Assert.Equal("longer than 9 bytes", error.Reason);
        Assert.Equal(OperationStatus.InvalidData, Varint.TryRead(Convert.FromHexString(hex), out _, out _));
    }

    [Theory]
    [InlineData("8000")] // 0 in two bytes
    [InlineData("8100")] // 1 in two bytes
    [InlineData("FF8000")] // 127 in three bytes
    [InlineData("808080808080808000")]
    public void Read_NotMinimal_ThrowsNotMinimal(string hex)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Varint.Read(Convert.FromHexString(hex), out _));

        Assert.Equal("varint", error.Subject);
        Assert.Equal("not minimally encoded", error.Reason);
        Assert.Equal(OperationStatus.InvalidData, Varint.TryRead(Convert.FromHexString(hex), out _, out _));
    }

    [Fact]
    public void ReadProtobuf_NotMinimal_AcceptedAsProtobufDoes()
    {
        var at = 0;

        Assert.Equal(1UL, Varint.ReadProtobuf([0x81, 0x80, 0x00], ref at, "test"));
        Assert.Equal(3, at);
    }

    [Fact]
    public void ReadProtobuf_Overflow_ThrowsNamingSubject()
    {
        var at = 0;
        var error = Assert.Throws<IpfsKitFormatException>(() => Varint.ReadProtobuf([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02], ref at, "dag-pb"));

        Assert.Equal("dag-pb", error.Subject);
        Assert.Equal("varint overflows 64 bits", error.Reason);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void ReadProtobuf_ElevenBytes_ThrowsOverflow()
    {
        var at = 0;
        var error = Assert.Throws<IpfsKitFormatException>(() => Varint.ReadProtobuf([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x81, 0x01], ref at, "UnixFS"));

        Assert.Equal("varint overflows 64 bits", error.Reason);
    }

    [Fact]
    public void ReadProtobuf_Truncated_ThrowsWithStartOffset()
    {
        var at = 2;
        var error = Assert.Throws<IpfsKitFormatException>(() => Varint.ReadProtobuf([0x00, 0x00, 0x80, 0x80], ref at, "UnixFS"));

        Assert.Equal("UnixFS", error.Subject);
        Assert.Equal("truncated varint", error.Reason);
        Assert.Equal(2, error.Offset);
    }

    [Property]
    public bool Read_RandomBytes_ValueOrTypedError(byte[] bytes) => Fuzz.EndsTyped(() => Varint.Read(bytes, out _));

    [Property]
    public Property Read_MutatedVarints_ValueOrTypedError() =>
        Prop.ForAll(ContentGen.MutatedRepeatedly(ContentGen.ULongAnyLength.Select(Encode)).ToArbitrary(), bytes =>
            Fuzz.EndsTyped(() =>
            {
                var value = Varint.Read(bytes, out var read);
                Assert.InRange(read, 1, Varint.MaxMultiformatLength);
                Assert.Equal(read, Varint.GetLength(value)); // whatever is accepted is minimal
            }));

    [Property]
    public Property ReadProtobuf_MutatedVarints_ValueOrTypedError() =>
        Prop.ForAll(ContentGen.MutatedRepeatedly(ContentGen.ULongAnyLength.Select(Encode)).ToArbitrary(), bytes =>
            Fuzz.EndsTyped(() =>
            {
                var at = 0;
                Varint.ReadProtobuf(bytes, ref at, "test");
                Assert.InRange(at, 1, Varint.MaxProtobufLength);
            }));

    private static byte[] Encode(ulong value)
    {
        var buffer = new byte[Varint.GetLength(value)];
        Varint.Write(buffer, value);
        return buffer;
    }
}
