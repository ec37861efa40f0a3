using IpfsKit.Errors;

namespace IpfsKit.Content.Car.Internal;

/// <summary>
/// The part of CBOR (RFC 8949) that a CAR header needs: item heads (major type + argument), written and read in the
/// strict dag-cbor form, that is definite lengths and the shortest encoding of every argument.
/// </summary>
internal static class Cbor
{
    public const int UnsignedInteger = 0;
    public const int ByteString = 2;
    public const int TextString = 3;
    public const int Array = 4;
    public const int Map = 5;
    public const int Tag = 6;

    /// <summary>The CBOR tag dag-cbor puts on a link (a CID).</summary>
    public const ulong CidTag = 42;

    /// <summary>Gets how many bytes the head of an item with <paramref name="argument"/> takes in its shortest form.</summary>
    public static int GetHeadLength(ulong argument) => argument switch
    {
        < 24 => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        <= uint.MaxValue => 5,
        _ => 9,
    };

    /// <summary>Writes an item head in its shortest form.</summary>
    /// <returns>The number of bytes written.</returns>
    public static int WriteHead(Span<byte> destination, int major, ulong argument)
    {
        var length = GetHeadLength(argument);
        var initial = (byte)(major << 5);
        if (length == 1)
        {
            destination[0] = (byte)(initial | (byte)argument);
            return 1;
        }

        // Additional information 24, 25, 26, 27: the argument follows in 1, 2, 4, 8 bytes, big-endian.
        destination[0] = (byte)(initial | length switch { 2 => 24, 3 => 25, 5 => 26, _ => 27 });
        for (var i = 1; i < length; i++)
        {
            destination[i] = (byte)(argument >> (8 * (length - 1 - i)));
        }

        return length;
    }

    /// <summary>
    /// Reads the head of an item that must have major type <paramref name="expectedMajor"/>, rejecting
    /// indefinite lengths and arguments not in their shortest form.
    /// </summary>
    /// <param name="source">The header bytes.</param>
    /// <param name="position">Where the head starts; advanced past it.</param>
    /// <param name="expectedMajor">The major type the caller needs.</param>
    /// <param name="what">The item, named in errors ("the header", "roots", "version").</param>
    /// <param name="baseOffset">The file offset of <paramref name="source"/>[0], for errors.</param>
    /// <returns>The argument: a length, a count, a tag number or an integer value.</returns>
    /// <exception cref="IpfsKitFormatException">The head is truncated, of another type, or not strict dag-cbor.</exception>
    public static ulong ReadHead(ReadOnlySpan<byte> source, ref int position, int expectedMajor, string what, long baseOffset)
    {
        var start = position;
        if (start >= source.Length)
        {
            throw CarErrors.Format($"the header ends where {what} should start", baseOffset + start);
        }

        var initial = source[start];
        var major = initial >> 5;
        if (major != expectedMajor)
        {
            var found = MajorName(major);
            var article = found[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";
            throw CarErrors.Format($"{what} is not a CBOR {MajorName(expectedMajor)} (it is {article} {found})", baseOffset + start);
        }

        var info = initial & 0x1F;
        if (info < 24)
        {
            position = start + 1;
            return (ulong)info;
        }

        if (info > 27)
        {
            throw CarErrors.Format(
                $"{what} has an indefinite length or reserved additional information {info} (dag-cbor allows only definite lengths)",
                baseOffset + start);
        }

        var size = 1 << (info - 24);
        if (source.Length - start - 1 < size)
        {
            throw CarErrors.Format($"the header ends inside the head of {what}", baseOffset + start);
        }

        ulong argument = 0;
        foreach (var b in source.Slice(start + 1, size))
        {
            argument = (argument << 8) | b;
        }

        if (GetHeadLength(argument) != 1 + size)
        {
            throw CarErrors.Format($"{what} has the argument {argument} in {size} bytes, not in its shortest form (dag-cbor requires it)", baseOffset + start);
        }

        position = start + 1 + size;
        return argument;
    }

    private static string MajorName(int major) => major switch
    {
        0 => "unsigned integer",
        1 => "negative integer",
        2 => "byte string",
        3 => "text string",
        4 => "array",
        5 => "map",
        6 => "tag",
        _ => "simple value or float",
    };
}
