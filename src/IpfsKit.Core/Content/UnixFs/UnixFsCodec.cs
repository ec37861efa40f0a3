using IpfsKit.Errors;

namespace IpfsKit.Content.UnixFs;

/// <summary>
/// Encodes and decodes the UnixFS <c>Data</c> protobuf (proto2). Fields are written in field-number order and
/// <c>blocksizes</c> unpacked, byte for byte as Kubo writes them; decoding accepts packed <c>blocksizes</c> too.
/// </summary>
public static class UnixFsCodec
{
    private const string Subject = "UnixFS";

    /// <summary>Gets the encoded size of a message.</summary>
    /// <param name="data">The message.</param>
    /// <returns>Bytes.</returns>
    public static int GetEncodedLength(UnixFsData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var length = 1 + Varint.GetLength((ulong)(long)data.Type);
        if (data.Data is { } bytes)
        {
            length += 1 + Varint.GetLength((ulong)bytes.Length) + bytes.Length;
        }

        length += Optional(data.FileSize);
        foreach (var size in data.BlockSizes)
        {
            length += 1 + Varint.GetLength(size);
        }

        length += Optional(data.HashType) + Optional(data.Fanout) + Optional(data.Mode);
        if (data.Mtime is { } mtime)
        {
            var inner = TimeLength(mtime);
            length += 1 + Varint.GetLength((ulong)inner) + inner;
        }

        return length;
    }

    /// <summary>Encodes a message.</summary>
    /// <param name="data">The message.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Encode(UnixFsData data)
    {
        var bytes = new byte[GetEncodedLength(data)];
        Encode(data, bytes);
        return bytes;
    }

    /// <summary>Encodes a message into <paramref name="destination"/>.</summary>
    /// <param name="data">The message.</param>
    /// <param name="destination">At least <see cref="GetEncodedLength"/> bytes.</param>
    /// <returns>Bytes written.</returns>
    public static int Encode(UnixFsData data, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(data);
        var at = 0;
        at += WriteVarintField(destination[at..], 1, (ulong)(long)data.Type);
        if (data.Data is { } bytes)
        {
            destination[at++] = 0x12;
            at += Varint.Write(destination[at..], (ulong)bytes.Length);
            bytes.Span.CopyTo(destination[at..]);
            at += bytes.Length;
        }

        if (data.FileSize is { } fileSize)
        {
            at += WriteVarintField(destination[at..], 3, fileSize);
        }

        foreach (var size in data.BlockSizes)
        {
            at += WriteVarintField(destination[at..], 4, size);
        }

        if (data.HashType is { } hashType)
        {
            at += WriteVarintField(destination[at..], 5, hashType);
        }

        if (data.Fanout is { } fanout)
        {
            at += WriteVarintField(destination[at..], 6, fanout);
        }

        if (data.Mode is { } mode)
        {
            at += WriteVarintField(destination[at..], 7, mode);
        }

        if (data.Mtime is { } mtime)
        {
            destination[at++] = 0x42;
            at += Varint.Write(destination[at..], (ulong)TimeLength(mtime));
            at += WriteVarintField(destination[at..], 1, (ulong)mtime.Seconds);
            if (mtime.FractionalNanoseconds is { } nanos)
            {
                destination[at++] = 0x15;
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], nanos);
                at += 4;
            }
        }

        return at;
    }

    /// <summary>Decodes a message.</summary>
    /// <param name="bytes">The bytes (the Data field of a dag-pb node); not copied.</param>
    /// <returns>The message; its <see cref="UnixFsData.Data"/> is a slice of <paramref name="bytes"/>.</returns>
    /// <exception cref="IpfsKitFormatException">Malformed, Type missing or unknown, or a field repeated that may not be.</exception>
    public static UnixFsData Decode(ReadOnlyMemory<byte> bytes) => UnixFsDecoder.Decode(bytes);

    internal static int WriteVarintField(Span<byte> destination, int field, ulong value)
    {
        destination[0] = (byte)(field << 3);
        return 1 + Varint.Write(destination[1..], value);
    }

    private static int Optional(ulong? value) => value is { } v ? 1 + Varint.GetLength(v) : 0;

    private static int Optional(uint? value) => value is { } v ? 1 + Varint.GetLength(v) : 0;

    private static int TimeLength(UnixFsTime time) =>
        1 + Varint.GetLength((ulong)time.Seconds) + (time.FractionalNanoseconds is null ? 0 : 5);
}
