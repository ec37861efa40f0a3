namespace IpfsKit.Content.Internal;

/// <summary>Power-of-two bases of RFC 4648 (base16, base32, base64 and its URL-safe form), strict decoding.</summary>
internal static class Rfc4648
{
    public const string Base32Lower = "abcdefghijklmnopqrstuvwxyz234567";
    public const string Base16Lower = "0123456789abcdef";
    public const string Base64Std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    public const string Base64UrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static string Encode(ReadOnlySpan<byte> data, string alphabet, int bitsPerChar, bool pad)
    {
        var chars = new System.Text.StringBuilder(((data.Length * 8) + bitsPerChar - 1) / bitsPerChar + 4);
        var mask = (1 << bitsPerChar) - 1;
        var buffer = 0;
        var bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= bitsPerChar)
            {
                bits -= bitsPerChar;
                chars.Append(alphabet[(buffer >> bits) & mask]);
            }
        }

        if (bits > 0)
        {
            chars.Append(alphabet[(buffer << (bitsPerChar - bits)) & mask]);
        }

        if (pad)
        {
            var block = bitsPerChar == 6 ? 4 : 8;
            while (chars.Length % block != 0)
            {
                chars.Append('=');
            }
        }

        return chars.ToString();
    }

    public static byte[] Decode(ReadOnlySpan<char> text, string alphabet, int bitsPerChar, bool caseInsensitive, string subject) =>
        TryDecode(text, alphabet, bitsPerChar, caseInsensitive, subject, out var output) is { } error ? throw error.ToException() : output;

    /// <summary>Decodes, or says why not.</summary>
    /// <returns><see langword="null"/> when <paramref name="output"/> holds the bytes.</returns>
    public static FormatError? TryDecode(ReadOnlySpan<char> text, string alphabet, int bitsPerChar, bool caseInsensitive, string subject, out byte[] output)
    {
        var end = text.Length;
        while (end > 0 && text[end - 1] == '=')
        {
            end--;
        }

        text = text[..end];
        output = new byte[text.Length * bitsPerChar / 8];
        var buffer = 0;
        var bits = 0;
        var written = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // Fold ASCII letters only: char.ToLowerInvariant maps some non-ASCII letters (the Kelvin sign) to ASCII.
            var c = caseInsensitive && char.IsAsciiLetterUpper(text[i]) ? (char)(text[i] | 0x20) : text[i];
            var value = c < 128 ? alphabet.IndexOf(c, StringComparison.Ordinal) : -1;
            if (value < 0)
            {
                return new FormatError(subject, $"character '{text[i]}' is not in the alphabet", i);
            }

            buffer = ((buffer << bitsPerChar) | value) & 0xFFFF;
            bits += bitsPerChar;
            if (bits >= 8)
            {
                bits -= 8;
                output[written++] = (byte)(buffer >> bits);
            }
        }

        if (bits >= bitsPerChar || (buffer & ((1 << bits) - 1)) != 0)
        {
            return new FormatError(subject, "trailing bits are not zero or the length is impossible", text.Length);
        }

        return null;
    }
}
