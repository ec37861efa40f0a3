using System.Buffers;
using IpfsKit.Errors;

namespace IpfsKit.Content;

/// <summary>
/// Unsigned LEB128 varints as used by multiformats (at most 9 bytes, minimal encoding, 63 bits) and by protobuf
/// (at most 10 bytes, 64 bits).
/// </summary>
/// <remarks>All members are thread-safe and allocation-free.</remarks>
public static class Varint
{
    /// <summary>The longest multiformats varint: 9 bytes carry 63 bits.</summary>
    public const int MaxMultiformatLength = 9;

    /// <summary>The longest protobuf varint: 10 bytes carry 64 bits.</summary>
    public const int MaxProtobufLength = 10;

    /// <summary>Gets the number of bytes <paramref name="value"/> takes as a varint.</summary>
    /// <param name="value">The value.</param>
    /// <returns>1 to 10.</returns>
    public static int GetLength(ulong value)
    {
        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(value | 1);
        return (bits + 6) / 7;
    }

    /// <summary>Writes <paramref name="value"/> as a varint.</summary>
    /// <param name="destination">Where to write; must hold <see cref="GetLength"/> bytes.</param>
    /// <param name="value">The value.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int Write(Span<byte> destination, ulong value)
    {
        var length = GetLength(value);
        if (destination.Length < length)
        {
            throw new ArgumentException("The destination is too short for the varint.", nameof(destination));
        }

        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Writes <paramref name="value"/> as a varint to a buffer writer.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Write(IBufferWriter<byte> writer, ulong value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(MaxProtobufLength);
        writer.Advance(Write(span, value));
    }

    /// <summary>
    /// Reads a multiformats varint (minimal, at most 9 bytes) from the start of <paramref name="source"/>.
    /// </summary>
    /// <param name="source">The bytes.</param>
    /// <param name="bytesRead">The number of bytes the varint took.</param>
    /// <returns>The value.</returns>
    /// <exception cref="IpfsKitFormatException">The varint is truncated, too long or not minimal.</exception>
    public static ulong Read(ReadOnlySpan<byte> source, out int bytesRead)
    {
        var status = TryRead(source, out var value, out bytesRead, out var reason);
        if (status == OperationStatus.Done)
        {
            return value;
        }

        throw new IpfsKitFormatException("varint", status == OperationStatus.NeedMoreData ? "truncated" : reason!, 0);
    }

    /// <summary>
    /// Tries to read a multiformats varint (minimal, at most 9 bytes) from the start of <paramref name="source"/>,
    /// telling apart "not enough bytes yet" (for streaming parsers) from "invalid".
    /// </summary>
    /// <param name="source">The bytes read so far.</param>
    /// <param name="value">The value when <see cref="OperationStatus.Done"/>.</param>
    /// <param name="bytesRead">The bytes consumed when <see cref="OperationStatus.Done"/>.</param>
    /// <returns>
    /// <see cref="OperationStatus.Done"/>, <see cref="OperationStatus.NeedMoreData"/> when <paramref name="source"/>
    /// ends inside the varint, or <see cref="OperationStatus.InvalidData"/> when it is over-long or not minimal.
    /// </returns>
    public static OperationStatus TryRead(ReadOnlySpan<byte> source, out ulong value, out int bytesRead) =>
        TryRead(source, out value, out bytesRead, out _);

    internal static OperationStatus TryRead(ReadOnlySpan<byte> source, out ulong value, out int bytesRead, out string? reason)
    {
        value = 0;
        bytesRead = 0;
        reason = null;
        for (var i = 0; i < MaxMultiformatLength; i++)
        {
            if (i >= source.Length)
            {
                return OperationStatus.NeedMoreData;
            }

            var b = source[i];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    value = 0;
                    reason = "not minimally encoded";
                    return OperationStatus.InvalidData;
                }

                bytesRead = i + 1;
                return OperationStatus.Done;
            }
        }

        value = 0;
        reason = "longer than 9 bytes";
        return OperationStatus.InvalidData;
    }

    /// <summary>Reads a protobuf varint (up to 10 bytes, 64 bits; non-minimal forms allowed as protobuf does).</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="position">The read position; advanced past the varint.</param>
    /// <param name="subject">The encoding being decoded, named in the error.</param>
    /// <returns>The value.</returns>
    /// <exception cref="IpfsKitFormatException">Truncated, longer than 10 bytes, or overflowing 64 bits.</exception>
    internal static ulong ReadProtobuf(ReadOnlySpan<byte> source, ref int position, string subject)
    {
        ulong value = 0;
        var start = position;
        for (var i = 0; i < MaxProtobufLength; i++)
        {
            if (position >= source.Length)
            {
                throw new IpfsKitFormatException(subject, "truncated varint", start);
            }

            var b = source[position++];
            if (i == MaxProtobufLength - 1 && b > 1)
            {
                throw new IpfsKitFormatException(subject, "varint overflows 64 bits", start);
            }

            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new IpfsKitFormatException(subject, "varint longer than 10 bytes", start);
    }
}
