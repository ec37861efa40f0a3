using IpfsKit.Errors;

namespace IpfsKit.Content.UnixFs;

/// <summary>The strict proto2 reader behind <see cref="UnixFsCodec.Decode"/>.</summary>
internal static class UnixFsDecoder
{
    private const string Subject = "UnixFS";
    private const int MaxBlockSizes = 1 << 20;

    public static UnixFsData Decode(ReadOnlyMemory<byte> memory)
    {
        var span = memory.Span;
        UnixFsType? type = null;
        ReadOnlyMemory<byte>? data = null;
        ulong? fileSize = null, hashType = null, fanout = null;
        uint? mode = null;
        UnixFsTime? mtime = null;
        var blockSizes = new List<ulong>();
        var at = 0;
        while (at < span.Length)
        {
            var fieldStart = at;
            var key = Varint.ReadProtobuf(span, ref at, Subject);
            var (field, wire) = (key >> 3, (int)(key & 7));
            switch (field)
            {
                case 1:
                    var t = ReadVarintField(span, ref at, wire, field, fieldStart);
                    type = t <= 5 ? (UnixFsType)t : throw new IpfsKitFormatException(Subject, $"unknown Type {t}", fieldStart);
                    break;
                case 2:
                    Expect(wire, 2, field, fieldStart);
                    var (start, length) = LengthDelimited(span, ref at);
                    data = memory.Slice(start, length);
                    break;
                case 3:
                    fileSize = ReadVarintField(span, ref at, wire, field, fieldStart);
                    break;
                case 4:
                    ReadBlockSizes(span, ref at, wire, fieldStart, blockSizes);
                    break;
                case 5:
                    hashType = ReadVarintField(span, ref at, wire, field, fieldStart);
                    break;
                case 6:
                    fanout = ReadVarintField(span, ref at, wire, field, fieldStart);
                    break;
                case 7:
                    var m = ReadVarintField(span, ref at, wire, field, fieldStart);
                    mode = m <= uint.MaxValue ? (uint)m : throw new IpfsKitFormatException(Subject, "mode exceeds 32 bits", fieldStart);
                    break;
                case 8:
                    Expect(wire, 2, field, fieldStart);
                    var (timeStart, timeLength) = LengthDelimited(span, ref at);
                    mtime = DecodeTime(span[..(timeStart + timeLength)], timeStart);
                    break;
                default:
                    throw new IpfsKitFormatException(Subject, $"unknown field {field}", fieldStart);
            }
        }

        return new UnixFsData
        {
            Type = type ?? throw new IpfsKitFormatException(Subject, "required field Type is missing"),
            Data = data,
            FileSize = fileSize,
            BlockSizes = blockSizes,
            HashType = hashType,
            Fanout = fanout,
            Mode = mode,
            Mtime = mtime,
        };
    }

    private static void ReadBlockSizes(ReadOnlySpan<byte> span, ref int at, int wire, int fieldStart, List<ulong> sizes)
    {
        if (wire == 0)
        {
            sizes.Add(Varint.ReadProtobuf(span, ref at, Subject));
        }
        else if (wire == 2)
        {
            var (start, length) = LengthDelimited(span, ref at);
            // Bound the span, not the offsets, so errors report offsets in the whole message.
            var inner = span[..(start + length)];
            var i = start;
            while (i < inner.Length)
            {
                sizes.Add(Varint.ReadProtobuf(inner, ref i, Subject));
            }
        }
        else
        {
            throw new IpfsKitFormatException(Subject, $"blocksizes has wire type {wire}", fieldStart);
        }

        if (sizes.Count > MaxBlockSizes)
        {
            throw new IpfsKitFormatException(Subject, $"more than {MaxBlockSizes} blocksizes", fieldStart);
        }
    }

    /// <summary>Decodes the UnixTime message from <paramref name="start"/> to the end of <paramref name="span"/>.</summary>
    private static UnixFsTime DecodeTime(ReadOnlySpan<byte> span, int start)
    {
        long? seconds = null;
        uint? nanos = null;
        var at = start;
        while (at < span.Length)
        {
            var fieldStart = at;
            var key = Varint.ReadProtobuf(span, ref at, Subject);
            switch (key)
            {
                case 0x08:
                    seconds = (long)Varint.ReadProtobuf(span, ref at, Subject);
                    break;
                case 0x15:
                    if (span.Length - at < 4)
                    {
                        throw new IpfsKitFormatException(Subject, "mtime nanoseconds truncated", at);
                    }

                    nanos = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
                    at += 4;
                    break;
                default:
                    throw new IpfsKitFormatException(Subject, $"unknown mtime field key {key}", fieldStart);
            }
        }

        return seconds is { } s
            ? new UnixFsTime(s, nanos)
            : throw new IpfsKitFormatException(Subject, "mtime without Seconds", start);
    }

    /// <summary>Reads the value of a varint field (wire type 0) whose key started at <paramref name="fieldStart"/>.</summary>
    private static ulong ReadVarintField(ReadOnlySpan<byte> span, ref int at, int wire, ulong field, int fieldStart)
    {
        Expect(wire, 0, field, fieldStart);
        return Varint.ReadProtobuf(span, ref at, Subject);
    }

    private static void Expect(int wire, int expected, ulong field, int offset)
    {
        if (wire != expected)
        {
            throw new IpfsKitFormatException(Subject, $"field {field} has wire type {wire}, expected {expected}", offset);
        }
    }

    private static (int Start, int Length) LengthDelimited(ReadOnlySpan<byte> span, ref int at)
    {
        var lengthStart = at;
        var length = Varint.ReadProtobuf(span, ref at, Subject);
        if (length > (ulong)(span.Length - at))
        {
            throw new IpfsKitFormatException(Subject, $"field length {length} runs past the end", lengthStart);
        }

        var start = at;
        at += (int)length;
        return (start, (int)length);
    }
}
