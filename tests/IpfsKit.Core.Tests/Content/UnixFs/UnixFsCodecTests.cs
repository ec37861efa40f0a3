using FsCheck.Xunit;
using IpfsKit.Content.UnixFs;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.UnixFs;

/// <summary>Known messages and round trips; bad input is in <c>UnixFsCodecTests.Malformed.cs</c>.</summary>
public sealed partial class UnixFsCodecTests
{
    public static TheoryData<string, UnixFsData> KnownMessages => new()
    {
        // Kubo's empty file and empty directory (the Data of QmbFMke1… and QmUNLLsP… in /work/shared/vectors/README.md).
        { "08021800", new UnixFsData { Type = UnixFsType.File, FileSize = 0 } },
        { "0801", new UnixFsData { Type = UnixFsType.Directory } },

        // The leaf of QmT78zSu… ("hello world\n").
        { "0802120c68656c6c6f20776f726c640a180c", new UnixFsData { Type = UnixFsType.File, Data = "hello world\n"u8.ToArray(), FileSize = 12 } },

        // The HAMT shard of the IPIP-550 fixtures (go-codec-dagpb fieldorder_test.go): bitfield, murmur3-x64-64, fanout 256.
        {
            "0805121c80000000000000000000000000000000000000000000000000000000282230800" + "2",
            new UnixFsData { Type = UnixFsType.HamtShard, Data = (byte[])[0x80, .. new byte[27]], HashType = 0x22, Fanout = 256 }
        },

        // A file root: filesize, then one blocksizes entry per link (unpacked, as Kubo writes them).
        { "0802188080202080801020808010", new UnixFsData { Type = UnixFsType.File, FileSize = 524288, BlockSizes = [262144, 262144] } },
        { "08041204612f6263", new UnixFsData { Type = UnixFsType.Symlink, Data = "a/bc"u8.ToArray() } },
        { "080038a403", new UnixFsData { Type = UnixFsType.Raw, Mode = 420 } },
        { "0803", new UnixFsData { Type = UnixFsType.Metadata } },
    };

    [Theory]
    [MemberData(nameof(KnownMessages))]
    public void EncodeDecode_KnownMessages_ExactBytes(string hex, UnixFsData data)
    {
        Assert.Equal(hex, Convert.ToHexString(UnixFsCodec.Encode(data)).ToLowerInvariant());
        Assert.Equal(hex.Length / 2, UnixFsCodec.GetEncodedLength(data));
        Assert.Equal(data, UnixFsCodec.Decode(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData(-1L, null, "0802420b08ffffffffffffffffff01")] // int64 seconds are 10-byte varints when negative
    [InlineData(long.MinValue, null, "0802420b0880808080808080808001")]
    [InlineData(1_700_000_000L, 5u, "0802420b0880e2cfaa06150500000" + "0")] // nanoseconds are a little-endian fixed32
    [InlineData(0L, 999_999_999u, "0802420708001" + "5ffc99a3b")]
    public void EncodeDecode_Mtime_ExactBytes(long seconds, uint? nanos, string hex)
    {
        var data = new UnixFsData { Type = UnixFsType.File, Mtime = new UnixFsTime(seconds, nanos) };

        Assert.Equal(hex, Convert.ToHexString(UnixFsCodec.Encode(data)).ToLowerInvariant());
        Assert.Equal(data, UnixFsCodec.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Decode_PackedBlockSizes_Accepted() =>
        Assert.Equal([1UL, 300UL, 2UL], UnixFsCodec.Decode(new byte[] { 0x08, 0x02, 0x22, 0x03, 0x01, 0xAC, 0x02, 0x20, 0x02 }).BlockSizes);

    [Fact]
    public void Decode_EmptyAndAbsentData_Differ()
    {
        Assert.Null(UnixFsCodec.Decode(new byte[] { 0x08, 0x02 }).Data);
        Assert.Equal(0, UnixFsCodec.Decode(new byte[] { 0x08, 0x02, 0x12, 0x00 }).Data?.Length);
        Assert.NotEqual(new UnixFsData { Type = UnixFsType.File }, new UnixFsData { Type = UnixFsType.File, Data = ReadOnlyMemory<byte>.Empty });
    }

    [Fact]
    public void Decode_RepeatedScalar_LastOneWins()
    {
        // proto2: a repeated optional scalar is an update; only dag-pb (not UnixFS) forbids duplicates.
        var data = UnixFsCodec.Decode(new byte[] { 0x08, 0x01, 0x08, 0x02, 0x18, 0x01, 0x18, 0x05 });

        Assert.Equal(UnixFsType.File, data.Type);
        Assert.Equal(5UL, data.FileSize);
    }

    [Fact]
    public void Encode_IntoSpan_WritesEncodedLength()
    {
        var data = new UnixFsData { Type = UnixFsType.File, Data = new byte[] { 1, 2 }, BlockSizes = [1, 2], Mtime = new UnixFsTime(-5, 7) };
        var buffer = new byte[UnixFsCodec.GetEncodedLength(data) + 4];

        var written = UnixFsCodec.Encode(data, buffer);

        Assert.Equal(UnixFsCodec.GetEncodedLength(data), written);
        Assert.Equal(UnixFsCodec.Encode(data), buffer[..written]);
    }

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool DecodeEncode_RandomMessages_RoundTrip(UnixFsData data)
    {
        var bytes = UnixFsCodec.Encode(data);
        var decoded = UnixFsCodec.Decode(bytes);
        return decoded.Equals(data) && decoded.GetHashCode() == data.GetHashCode() && bytes.Length == UnixFsCodec.GetEncodedLength(data)
            && decoded.Data.HasValue == data.Data.HasValue && decoded.Mtime == data.Mtime;
    }

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool EncodeDecode_ValidEncodings_ByteForByte(UnixFsData data)
    {
        var bytes = UnixFsCodec.Encode(data);
        return UnixFsCodec.Encode(UnixFsCodec.Decode(bytes)).AsSpan().SequenceEqual(bytes);
    }

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool Equals_CopiedMessage_EqualWithSameHashCode(UnixFsData data)
    {
        var copy = data with { BlockSizes = data.BlockSizes.ToList() };
        return copy.Equals(data) && copy.GetHashCode() == data.GetHashCode() && copy == data;
    }
}
