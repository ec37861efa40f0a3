using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content.Car.Internal;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content.Car.Internal;

public sealed class CborTests
{
    [Theory]
    [InlineData(0, 0UL, "00")]
    [InlineData(0, 23UL, "17")]
    [InlineData(0, 24UL, "1818")]
    [InlineData(4, 300UL, "99012c")]
    [InlineData(2, 65_536UL, "5a00010000")]
    [InlineData(6, 42UL, "d82a")]
    [InlineData(0, ulong.MaxValue, "1bffffffffffffffff")]
    public void WriteHead_KnownArguments_ShortestForm(int major, ulong argument, string hex)
    {
        var buffer = new byte[9];

        var written = Cbor.WriteHead(buffer, major, argument);

        Assert.Equal(hex, Convert.ToHexStringLower(buffer[..written]));
    }

    [Property]
    public Property ReadHead_WhatWriteHeadWrote_SameArgumentAndLength() =>
        Prop.ForAll(Gen.Choose(0, 6).ToArbitrary(), ArbMap.Default.ArbFor<ulong>(), (major, argument) =>
        {
            var buffer = new byte[9];
            var written = Cbor.WriteHead(buffer, major, argument);
            var position = 0;

            var read = Cbor.ReadHead(buffer.AsSpan(0, written), ref position, major, "item", 0);

            return read == argument && position == written && written == Cbor.GetHeadLength(argument);
        });

    [Property]
    public bool ReadHead_LongerThanShortestForm_Rejected(byte value)
    {
        // The same value in a 2-byte argument (info 25) is never the shortest form of a value below 256.
        byte[] head = [0x19, 0x00, value];
        var position = 0;

        var error = Assert.Throws<IpfsKitFormatException>(() => Cbor.ReadHead(head, ref position, Cbor.UnsignedInteger, "item", 0));

        return error.Reason.Contains("shortest form", StringComparison.Ordinal);
    }
}
