namespace IpfsKit.Content.Internal;

/// <summary>Big-number radix conversion for bases that are not powers of two (base58, base36). Leading zero bytes map to leading zero digits.</summary>
internal static class BaseX
{
    public const int MaxInputLength = 64 * 1024;

    public static string Encode(ReadOnlySpan<byte> data, string alphabet)
    {
        var radix = alphabet.Length;
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        // log(256)/log(radix) digits per byte, rounded up.
        var capacity = ((data.Length - zeros) * 138 / 100) + 1;
        if (radix == 36)
        {
            capacity = ((data.Length - zeros) * 155 / 100) + 1;
        }

        var digits = capacity <= 512 ? stackalloc byte[capacity] : new byte[capacity];
        digits.Clear();
        var length = 0;
        for (var i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            var j = 0;
            for (; j < length || carry != 0; j++)
            {
                carry += 256 * digits[j];
                digits[j] = (byte)(carry % radix);
                carry /= radix;
            }

            length = j;
        }

        var chars = new char[zeros + length];
        chars.AsSpan(0, zeros).Fill(alphabet[0]);
        for (var k = 0; k < length; k++)
        {
            chars[zeros + k] = alphabet[digits[length - 1 - k]];
        }

        return new string(chars);
    }

    public static byte[] Decode(ReadOnlySpan<char> text, string alphabet, string subject, bool caseInsensitive) =>
        TryDecode(text, alphabet, subject, caseInsensitive, out var result) is { } error ? throw error.ToException() : result;

    /// <summary>Decodes, or says why not.</summary>
    /// <returns><see langword="null"/> when <paramref name="result"/> holds the bytes.</returns>
    public static FormatError? TryDecode(ReadOnlySpan<char> text, string alphabet, string subject, bool caseInsensitive, out byte[] result)
    {
        result = [];
        if (text.Length > MaxInputLength)
        {
            return new FormatError(subject, $"longer than {MaxInputLength} characters");
        }

        var radix = alphabet.Length;
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == alphabet[0])
        {
            zeros++;
        }

        var capacity = ((text.Length - zeros) * 733 / 1000) + 1;
        var bytes = capacity <= 512 ? stackalloc byte[capacity] : new byte[capacity];
        bytes.Clear();
        var length = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            // Fold ASCII letters only: char.ToLowerInvariant maps some non-ASCII letters (the Kelvin sign) to ASCII.
            var c = caseInsensitive && char.IsAsciiLetterUpper(text[i]) ? (char)(text[i] | 0x20) : text[i];
            var value = c < 128 ? alphabet.IndexOf(c, StringComparison.Ordinal) : -1;
            if (value < 0)
            {
                return new FormatError(subject, $"character '{text[i]}' is not in the alphabet", i);
            }

            var carry = value;
            var j = 0;
            for (; j < length || carry != 0; j++)
            {
                carry += radix * bytes[j];
                bytes[j] = (byte)(carry & 0xFF);
                carry >>= 8;
            }

            length = j;
        }

        result = new byte[zeros + length];
        for (var k = 0; k < length; k++)
        {
            result[zeros + k] = bytes[length - 1 - k];
        }

        return null;
    }
}
