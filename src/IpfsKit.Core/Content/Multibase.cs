using IpfsKit.Internal;

namespace IpfsKit.Content;

/// <summary>Multibase: text encodings of bytes that start with a one-character prefix naming the base.</summary>
/// <remarks>
/// Decoding is strict, so each value has one text form: unknown prefixes, characters outside the alphabet (letters in
/// the other case included), padding in a base without it, missing or extra padding in base64urlpad and non-zero
/// trailing bits are errors.
/// </remarks>
public static class Multibase
{
    private const string Base36Lower = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>Encodes bytes with a multibase prefix.</summary>
    /// <param name="encoding">The base.</param>
    /// <param name="data">The bytes.</param>
    /// <returns>The prefixed text, for example <c>"bafy…"</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An encoding that is not a <see cref="MultibaseEncoding"/> value.</exception>
    public static string Encode(MultibaseEncoding encoding, ReadOnlySpan<byte> data) =>
        (char)encoding + EncodeWithoutPrefix(encoding, data);

    /// <summary>Encodes bytes in a base without writing its prefix.</summary>
    /// <param name="encoding">The base.</param>
    /// <param name="data">The bytes.</param>
    /// <returns>The text.</returns>
    public static string EncodeWithoutPrefix(MultibaseEncoding encoding, ReadOnlySpan<byte> data) => encoding switch
    {
        MultibaseEncoding.Base16 => Rfc4648.Encode(data, Rfc4648.Base16Lower, 4, pad: false),
        MultibaseEncoding.Base16Upper => Rfc4648.Encode(data, Rfc4648.Base16Lower, 4, pad: false).ToUpperInvariant(),
        MultibaseEncoding.Base32 => Rfc4648.Encode(data, Rfc4648.Base32Lower, 5, pad: false),
        MultibaseEncoding.Base32Upper => Rfc4648.Encode(data, Rfc4648.Base32Lower, 5, pad: false).ToUpperInvariant(),
        MultibaseEncoding.Base36 => BaseX.Encode(data, Base36Lower),
        MultibaseEncoding.Base36Upper => BaseX.Encode(data, Base36Lower).ToUpperInvariant(),
        MultibaseEncoding.Base58Btc => Base58.Encode(data),
        MultibaseEncoding.Base64 => Rfc4648.Encode(data, Rfc4648.Base64Std, 6, pad: false),
        MultibaseEncoding.Base64Url => Rfc4648.Encode(data, Rfc4648.Base64UrlSafe, 6, pad: false),
        MultibaseEncoding.Base64UrlPad => Rfc4648.Encode(data, Rfc4648.Base64UrlSafe, 6, pad: true),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown multibase encoding."),
    };

    /// <summary>Decodes multibase text.</summary>
    /// <param name="text">Prefixed text.</param>
    /// <param name="encoding">The base named by the prefix.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="IpfsKitFormatException">Empty, unknown prefix, or invalid for its base.</exception>
    public static byte[] Decode(ReadOnlySpan<char> text, out MultibaseEncoding encoding)
    {
        if (text.IsEmpty)
        {
            throw new IpfsKitFormatException("multibase", "empty string");
        }

        encoding = (MultibaseEncoding)text[0];
        var body = text[1..];
        try
        {
            return encoding switch
            {
                MultibaseEncoding.Base16 => Rfc4648.Decode(RejectPadding(body, "base16"), Rfc4648.Base16Lower, 4, caseInsensitive: false, "base16"),
                MultibaseEncoding.Base16Upper => DecodeUpper(RejectPadding(body, "base16upper"), Rfc4648.Base16Lower, 4, "base16upper"),
                MultibaseEncoding.Base32 => Rfc4648.Decode(RejectPadding(body, "base32"), Rfc4648.Base32Lower, 5, caseInsensitive: false, "base32"),
                MultibaseEncoding.Base32Upper => DecodeUpper(RejectPadding(body, "base32upper"), Rfc4648.Base32Lower, 5, "base32upper"),
                MultibaseEncoding.Base36 => BaseX.Decode(body, Base36Lower, "base36", caseInsensitive: false),
                MultibaseEncoding.Base36Upper => DecodeBase36Upper(body),
                MultibaseEncoding.Base58Btc => Base58.Decode(body),
                MultibaseEncoding.Base64 => Rfc4648.Decode(RejectPadding(body, "base64"), Rfc4648.Base64Std, 6, caseInsensitive: false, "base64"),
                MultibaseEncoding.Base64Url => Rfc4648.Decode(RejectPadding(body, "base64url"), Rfc4648.Base64UrlSafe, 6, caseInsensitive: false, "base64url"),
                MultibaseEncoding.Base64UrlPad => Rfc4648.Decode(RequirePadding(body, "base64urlpad"), Rfc4648.Base64UrlSafe, 6, caseInsensitive: false, "base64urlpad"),
                _ => throw new IpfsKitFormatException("multibase", $"unknown prefix '{text[0]}'", 0),
            };
        }
        catch (IpfsKitFormatException ex) when (ex.Subject != "multibase")
        {
            throw new IpfsKitFormatException("multibase", $"{ex.Subject}: {ex.Reason}", ex.Offset + 1, ex);
        }
    }

    /// <summary>Decodes multibase text, returning <see langword="false"/> instead of throwing.</summary>
    /// <param name="text">Prefixed text.</param>
    /// <param name="encoding">The base named by the prefix, when decoded.</param>
    /// <param name="data">The bytes, when decoded.</param>
    /// <returns>Whether the text was valid.</returns>
    public static bool TryDecode(ReadOnlySpan<char> text, out MultibaseEncoding encoding, out byte[]? data)
    {
        try
        {
            data = Decode(text, out encoding);
            return true;
        }
        catch (IpfsKitFormatException)
        {
            encoding = default;
            data = null;
            return false;
        }
    }

    private static ReadOnlySpan<char> RejectPadding(ReadOnlySpan<char> body, string subject) =>
        body.Contains('=') ? throw new IpfsKitFormatException(subject, "padding is not allowed", body.IndexOf('=')) : body;

    private static ReadOnlySpan<char> RequirePadding(ReadOnlySpan<char> body, string subject)
    {
        var data = body.TrimEnd('=');
        var expected = (4 - (data.Length % 4)) % 4;
        return body.Length - data.Length == expected
            ? body
            : throw new IpfsKitFormatException(subject, $"{body.Length - data.Length} padding characters where {expected} are required", data.Length);
    }

    private static byte[] DecodeUpper(ReadOnlySpan<char> body, string lowerAlphabet, int bits, string subject)
    {
        foreach (var c in body)
        {
            if (char.IsAsciiLetterLower(c))
            {
                throw new IpfsKitFormatException(subject, $"lower-case character '{c}'");
            }
        }

        return Rfc4648.Decode(body, lowerAlphabet, bits, caseInsensitive: true, subject);
    }

    private static byte[] DecodeBase36Upper(ReadOnlySpan<char> body)
    {
        foreach (var c in body)
        {
            if (char.IsAsciiLetterLower(c))
            {
                throw new IpfsKitFormatException("base36upper", $"lower-case character '{c}'");
            }
        }

        return BaseX.Decode(body, Base36Lower, "base36upper", caseInsensitive: true);
    }
}
