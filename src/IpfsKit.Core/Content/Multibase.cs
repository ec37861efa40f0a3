using System.Diagnostics.CodeAnalysis;
using IpfsKit.Content.Internal;
using IpfsKit.Errors;

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
    public static byte[] Decode(ReadOnlySpan<char> text, out MultibaseEncoding encoding) =>
        TryDecodeCore(text, out encoding, out var data) is { } error ? throw error.ToException() : data;

    /// <summary>Decodes multibase text, returning <see langword="false"/> instead of throwing.</summary>
    /// <param name="text">Prefixed text.</param>
    /// <param name="encoding">The base named by the prefix, when decoded.</param>
    /// <param name="data">The bytes, when decoded.</param>
    /// <returns>Whether the text was valid.</returns>
    public static bool TryDecode(ReadOnlySpan<char> text, out MultibaseEncoding encoding, [NotNullWhen(true)] out byte[]? data)
    {
        if (TryDecodeCore(text, out encoding, out var decoded) is null)
        {
            data = decoded;
            return true;
        }

        encoding = default;
        data = null;
        return false;
    }

    /// <summary>Decodes, or says why not (the core of <see cref="Decode"/> and <see cref="TryDecode"/>).</summary>
    internal static FormatError? TryDecodeCore(ReadOnlySpan<char> text, out MultibaseEncoding encoding, out byte[] data)
    {
        data = [];
        encoding = default;
        if (text.IsEmpty)
        {
            return new FormatError("multibase", "empty string");
        }

        encoding = (MultibaseEncoding)text[0];
        var body = text[1..];
        var error = encoding switch
        {
            MultibaseEncoding.Base16 => Rfc4648Unpadded(body, Rfc4648.Base16Lower, 4, "base16", out data),
            MultibaseEncoding.Base16Upper => Upper(body, "base16upper") ?? Rfc4648Unpadded(body, Rfc4648.Base16Lower, 4, "base16upper", out data, caseInsensitive: true),
            MultibaseEncoding.Base32 => Rfc4648Unpadded(body, Rfc4648.Base32Lower, 5, "base32", out data),
            MultibaseEncoding.Base32Upper => Upper(body, "base32upper") ?? Rfc4648Unpadded(body, Rfc4648.Base32Lower, 5, "base32upper", out data, caseInsensitive: true),
            MultibaseEncoding.Base36 => BaseX.TryDecode(body, Base36Lower, "base36", caseInsensitive: false, out data),
            MultibaseEncoding.Base36Upper => Upper(body, "base36upper") ?? BaseX.TryDecode(body, Base36Lower, "base36upper", caseInsensitive: true, out data),
            MultibaseEncoding.Base58Btc => BaseX.TryDecode(body, Base58.Alphabet, "base58btc", caseInsensitive: false, out data),
            MultibaseEncoding.Base64 => Rfc4648Unpadded(body, Rfc4648.Base64Std, 6, "base64", out data),
            MultibaseEncoding.Base64Url => Rfc4648Unpadded(body, Rfc4648.Base64UrlSafe, 6, "base64url", out data),
            MultibaseEncoding.Base64UrlPad => Padding(body, "base64urlpad") ?? Rfc4648.TryDecode(body, Rfc4648.Base64UrlSafe, 6, caseInsensitive: false, "base64urlpad", out data),
            _ => new FormatError("multibase", $"unknown prefix '{text[0]}'", 0),
        };
        return error is { } e && e.Subject != "multibase" ? e.Within("multibase", $"{e.Subject}: {e.Reason}", 1) : error;
    }

    private static FormatError? Rfc4648Unpadded(ReadOnlySpan<char> body, string alphabet, int bits, string subject, out byte[] data, bool caseInsensitive = false)
    {
        data = [];
        return body.IndexOf('=') is var at and >= 0
            ? new FormatError(subject, "padding is not allowed", at)
            : Rfc4648.TryDecode(body, alphabet, bits, caseInsensitive, subject, out data);
    }

    private static FormatError? Padding(ReadOnlySpan<char> body, string subject)
    {
        var data = body.TrimEnd('=');
        var expected = (4 - (data.Length % 4)) % 4;
        return body.Length - data.Length == expected
            ? null
            : new FormatError(subject, $"{body.Length - data.Length} padding characters where {expected} are required", data.Length);
    }

    private static FormatError? Upper(ReadOnlySpan<char> body, string subject)
    {
        foreach (var c in body)
        {
            if (char.IsAsciiLetterLower(c))
            {
                return new FormatError(subject, $"lower-case character '{c}'");
            }
        }

        return null;
    }
}
