using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content;

public sealed class VarintTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7F")]
    [InlineData(128UL, "8001")]
    [InlineData(300UL, "AC02")]
    [InlineData(16384UL, "808001")]
    [InlineData((1UL << 63) - 1, "FFFFFFFFFFFFFFFF7F")]
    public void Write_KnownValues_SpecBytes(ulong value, string hex)
    {
        var buffer = new byte[10];
        var n = Varint.Write(buffer, value);
        Assert.Equal(hex, Convert.ToHexString(buffer, 0, n));
        Assert.Equal(n, Varint.GetLength(value));
        Assert.Equal(value, Varint.Read(Convert.FromHexString(hex), out var read));
        Assert.Equal(n, read);
    }

    [Property]
    public Property WriteRead_Multiformat_RoundTrips() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<ulong>().Select(v => v >> 1).ToArbitrary(), value =>
        {
            var buffer = new byte[10];
            var n = Varint.Write(buffer, value);
            return Varint.Read(buffer.AsSpan(0, n), out var read) == value && read == n;
        });

    [Property]
    public bool WriteRead_Protobuf_RoundTripsAll64Bits(ulong value)
    {
        var buffer = new byte[10];
        var n = Varint.Write(buffer, value);
        var at = 0;
        return Varint.ReadProtobuf(buffer.AsSpan(0, n), ref at, "test") == value && at == n;
    }

    [Fact]
    public void Read_Truncated_ThrowsNamingTruncation()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Varint.Read([0x80, 0x80], out _));
        Assert.Equal("varint", error.Subject);
        Assert.Contains("truncated", error.Reason, StringComparison.Ordinal);
        Assert.Equal(OperationStatus.NeedMoreData, Varint.TryRead([0x80], out _, out _));
    }

    [Fact]
    public void Read_TenBytes_ThrowsOverLong()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Varint.Read([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], out _));
        Assert.Contains("longer than 9 bytes", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotMinimal_Throws()
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => Varint.Read([0x80, 0x00], out _));
        Assert.Contains("not minimally encoded", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadProtobuf_Overflow_Throws()
    {
        var at = 0;
        var error = Assert.Throws<IpfsKitFormatException>(() => Varint.ReadProtobuf([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02], ref at, "dag-pb"));
        Assert.Equal("dag-pb", error.Subject);
        Assert.Contains("overflows", error.Reason, StringComparison.Ordinal);
    }

    [Property]
    public bool Read_RandomBytes_ValueOrTypedError(byte[] bytes) => Fuzz.EndsTyped(() => Varint.Read(bytes, out _));
}
