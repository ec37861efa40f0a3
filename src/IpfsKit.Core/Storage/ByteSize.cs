using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using IpfsKit.Errors;

namespace IpfsKit.Storage;

/// <summary>
/// A number of bytes that reads and writes the way sizes are given in environment variables and configuration:
/// <c>512M</c>, <c>4G</c>, <c>500G</c>, <c>1.5T</c>, <c>65536</c>.
/// </summary>
/// <remarks>
/// <para>
/// The suffixes <c>K</c>, <c>M</c>, <c>G</c>, <c>T</c> and <c>P</c> are binary (powers of 1,024), as in Docker's
/// <c>--memory 512M</c>; they may be followed by <c>B</c> or <c>iB</c> (<c>512MB</c> and <c>512MiB</c> both mean
/// 536,870,912 bytes), in either case. A bare number, or one ending in <c>B</c>, is bytes. A fraction is allowed with
/// a suffix and rounds down to whole bytes. Negative sizes are rejected.
/// </para>
/// <para>
/// A <see cref="TypeConverter"/> lets <c>Microsoft.Extensions.Configuration</c> bind the text forms directly into
/// options properties of this type.
/// </para>
/// </remarks>
[TypeConverter(typeof(ByteSizeConverter))]
[System.Text.Json.Serialization.JsonConverter(typeof(ByteSizeJsonConverter))]
public readonly record struct ByteSize : IComparable<ByteSize>, ISpanParsable<ByteSize>
{
    private static readonly (char Suffix, int Shift)[] Units = [('P', 50), ('T', 40), ('G', 30), ('M', 20), ('K', 10)];

    /// <summary>Creates a size of <paramref name="bytes"/> bytes.</summary>
    /// <param name="bytes">The number of bytes; zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is negative.</exception>
    public ByteSize(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Bytes = bytes;
    }

    /// <summary>Gets a size of zero bytes (a budget of zero disables a storage tier).</summary>
    public static ByteSize Zero => default;

    /// <summary>Gets the number of bytes.</summary>
    public long Bytes { get; }

    /// <summary>Converts a size to its number of bytes.</summary>
    /// <param name="size">The size.</param>
    public static implicit operator long(ByteSize size) => size.Bytes;

    /// <summary>Converts a number of bytes to a size.</summary>
    /// <param name="bytes">The number of bytes; zero or more.</param>
    public static implicit operator ByteSize(long bytes) => new(bytes);

    /// <summary>Makes a size of whole mebibytes.</summary>
    /// <param name="mebibytes">The number of MiB.</param>
    /// <returns>The size.</returns>
    public static ByteSize FromMebibytes(long mebibytes) => new(checked(mebibytes * 1024 * 1024));

    /// <summary>Makes a size of whole gibibytes.</summary>
    /// <param name="gibibytes">The number of GiB.</param>
    /// <returns>The size.</returns>
    public static ByteSize FromGibibytes(long gibibytes) => new(checked(gibibytes * 1024 * 1024 * 1024));

    /// <summary>Converts a number of bytes to a size.</summary>
    /// <param name="bytes">The number of bytes.</param>
    /// <returns>The size.</returns>
    public static ByteSize FromInt64(long bytes) => new(bytes);

    /// <summary>Converts the size to its number of bytes.</summary>
    /// <returns>The number of bytes.</returns>
    public long ToInt64() => Bytes;

    /// <summary>Parses a size such as <c>512M</c>, <c>4G</c>, <c>1.5T</c> or <c>65536</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The size.</returns>
    /// <exception cref="IpfsKitFormatException">The text is not a size; the message says why.</exception>
    public static ByteSize Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <summary>Parses a size such as <c>512M</c>, <c>4G</c>, <c>1.5T</c> or <c>65536</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The size.</returns>
    /// <exception cref="IpfsKitFormatException">The text is not a size; the message says why.</exception>
    public static ByteSize Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var size, out var reason) ? size : throw new IpfsKitFormatException("byte size", $"'{text}' {reason}");

    /// <summary>Tries to parse a size such as <c>512M</c>, <c>4G</c>, <c>1.5T</c> or <c>65536</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="size">The size, when the text is one.</param>
    /// <returns>Whether the text is a size.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out ByteSize size)
    {
        size = default;
        return text is not null && TryParse(text.AsSpan(), out size, out _);
    }

    /// <summary>Tries to parse a size such as <c>512M</c>, <c>4G</c>, <c>1.5T</c> or <c>65536</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="size">The size, when the text is one.</param>
    /// <returns>Whether the text is a size.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out ByteSize size) => TryParse(text, out size, out _);

    /// <inheritdoc/>
    static ByteSize IParsable<ByteSize>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<ByteSize>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ByteSize result) => TryParse(s, out result);

    /// <inheritdoc/>
    static ByteSize ISpanParsable<ByteSize>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool ISpanParsable<ByteSize>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ByteSize result) => TryParse(s, out result);

    /// <inheritdoc/>
    public int CompareTo(ByteSize other) => Bytes.CompareTo(other.Bytes);

    /// <summary>Compares two sizes.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> is smaller.</returns>
    public static bool operator <(ByteSize left, ByteSize right) => left.Bytes < right.Bytes;

    /// <summary>Compares two sizes.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> is larger.</returns>
    public static bool operator >(ByteSize left, ByteSize right) => left.Bytes > right.Bytes;

    /// <summary>Compares two sizes.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> is smaller or equal.</returns>
    public static bool operator <=(ByteSize left, ByteSize right) => left.Bytes <= right.Bytes;

    /// <summary>Compares two sizes.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> is larger or equal.</returns>
    public static bool operator >=(ByteSize left, ByteSize right) => left.Bytes >= right.Bytes;

    /// <summary>Formats the size with the largest suffix that divides it exactly: <c>512M</c>, <c>4G</c>, <c>1000</c>.</summary>
    /// <returns>The text; <see cref="Parse(string)"/> reads it back to the same size.</returns>
    public override string ToString()
    {
        foreach (var (suffix, shift) in Units)
        {
            var unit = 1L << shift;
            if (Bytes != 0 && Bytes % unit == 0)
            {
                return (Bytes / unit).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return Bytes.ToString(CultureInfo.InvariantCulture);
    }

    private static bool TryParse(ReadOnlySpan<char> text, out ByteSize size, out string reason)
    {
        size = default;
        text = text.Trim();
        if (text.IsEmpty)
        {
            reason = "is empty";
            return false;
        }

        // Strip an optional "B" or "iB", then an optional unit letter.
        var shift = 0;
        if (text[^1] is 'B' or 'b')
        {
            text = text[..^1];
            if (!text.IsEmpty && text[^1] is 'i' or 'I')
            {
                text = text[..^1];
                if (text.IsEmpty || UnitShift(text[^1]) < 0)
                {
                    reason = "has 'iB' without a unit letter (K, M, G, T or P) before it";
                    return false;
                }
            }
        }

        if (!text.IsEmpty && UnitShift(text[^1]) is >= 0 and var unitShift)
        {
            shift = unitShift;
            text = text[..^1];
        }

        text = text.TrimEnd();
        if (text.IsEmpty || !IsDecimal(text))
        {
            reason = "is not a number of bytes with an optional unit (for example 512M, 4G, 1.5T or 65536)";
            return false;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            reason = "is too large";
            return false;
        }

        if (shift == 0 && decimal.Truncate(number) != number)
        {
            reason = "has a fraction of a byte (a fraction needs a unit, as in 1.5G)";
            return false;
        }

        var bytes = number * (1L << shift);
        if (bytes > long.MaxValue)
        {
            reason = "is too large";
            return false;
        }

        size = new ByteSize((long)decimal.Truncate(bytes));
        reason = string.Empty;
        return true;
    }

    private static bool IsDecimal(ReadOnlySpan<char> text)
    {
        var dots = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return dots <= 1 && text[0] != '.' && text[^1] != '.';
    }

    private static int UnitShift(char c) => char.ToUpperInvariant(c) switch
    {
        'K' => 10,
        'M' => 20,
        'G' => 30,
        'T' => 40,
        'P' => 50,
        _ => -1,
    };
}
