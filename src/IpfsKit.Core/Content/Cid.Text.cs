using System.Diagnostics.CodeAnalysis;
using IpfsKit.Content.Internal;
using IpfsKit.Errors;

namespace IpfsKit.Content;

/// <summary>The text forms of a <see cref="Cid"/>: parsing, and writing in a multibase.</summary>
public readonly partial struct Cid
{
    /// <summary>Parses a CID from its text form (<c>Qm…</c> for v0, any supported multibase for v1).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The CID.</returns>
    /// <exception cref="IpfsKitFormatException">The text is not a valid CID; the message says why.</exception>
    public static Cid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static Cid Parse(ReadOnlySpan<char> text) =>
        TryParseCore(text, out var cid) is { } error ? throw error.ToException() : cid;

    /// <summary>Parses a CID, returning <see langword="false"/> instead of throwing (no exception is raised inside either).</summary>
    /// <param name="text">The text.</param>
    /// <param name="cid">The CID when valid.</param>
    /// <returns>Whether the text is a valid CID.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out Cid cid)
    {
        cid = default;
        return text is not null && TryParse(text.AsSpan(), out cid);
    }

    /// <inheritdoc cref="TryParse(string, out Cid)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Cid cid) => TryParseCore(text, out cid) is null;

    /// <inheritdoc/>
    static Cid IParsable<Cid>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<Cid>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Cid result) => TryParse(s, out result);

    /// <inheritdoc/>
    static Cid ISpanParsable<Cid>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool ISpanParsable<Cid>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Cid result) => TryParse(s, out result);

    /// <summary>
    /// Writes the CID as text: CIDv0 as plain base58btc (<c>Qm…</c>), CIDv1 in base32 (<c>b…</c>), as Kubo does.
    /// </summary>
    /// <returns>The text, or an empty string for <c>default(Cid)</c>.</returns>
    public override string ToString() => IsEmpty ? string.Empty : Version == 0 ? Base58.Encode(_bytes) : Multibase.Encode(MultibaseEncoding.Base32, _bytes);

    /// <summary>Writes the CID as text in a chosen multibase.</summary>
    /// <param name="encoding">The base. A CIDv0 can only be written in base58btc (and then has no prefix).</param>
    /// <returns>The text.</returns>
    /// <exception cref="InvalidOperationException">A CIDv0 in a base other than base58btc; call <see cref="ToV1"/> first.</exception>
    public string ToString(MultibaseEncoding encoding)
    {
        if (IsEmpty)
        {
            return string.Empty;
        }

        if (Version == 0)
        {
            return encoding == MultibaseEncoding.Base58Btc
                ? Base58.Encode(_bytes)
                : throw new InvalidOperationException("A CIDv0 is always base58btc; call ToV1() to write it in another base.");
        }

        return Multibase.Encode(encoding, _bytes);
    }

    /// <summary>
    /// Writes the CID as text; the format is empty (the default form of <see cref="ToString()"/>) or one multibase prefix
    /// character (<c>b</c> base32, <c>z</c> base58btc, <c>k</c> base36, <c>f</c> base16, <c>m</c> base64, …), so
    /// <c>$"{cid:k}"</c> writes base36.
    /// </summary>
    /// <param name="format">Empty, or a multibase prefix character.</param>
    /// <param name="formatProvider">Not used: the text forms do not depend on a culture.</param>
    /// <returns>The text.</returns>
    /// <exception cref="FormatException">The format is not a multibase prefix.</exception>
    /// <exception cref="InvalidOperationException">A CIDv0 in a base other than base58btc.</exception>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        string.IsNullOrEmpty(format) ? ToString() : ToString(EncodingOf(format));

    /// <inheritdoc cref="ToString(string?, IFormatProvider?)"/>
    /// <param name="destination">Where the text goes.</param>
    /// <param name="charsWritten">How many characters were written (zero when the destination is too short).</param>
    /// <param name="format">Empty, or a multibase prefix character.</param>
    /// <param name="provider">Not used.</param>
    /// <returns>Whether the destination was long enough.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = format.IsEmpty ? ToString() : ToString(EncodingOf(format));
        charsWritten = text.TryCopyTo(destination) ? text.Length : 0;
        return charsWritten == text.Length;
    }

    private static MultibaseEncoding EncodingOf(ReadOnlySpan<char> format) =>
        format.Length == 1 && Enum.IsDefined((MultibaseEncoding)format[0])
            ? (MultibaseEncoding)format[0]
            : throw new FormatException($"'{format}' is not a CID format: use nothing or one multibase prefix (b, z, k, f, m, …).");

    /// <summary>Parses, or says why the text is not a CID: the one core of every parse.</summary>
    private static FormatError? TryParseCore(ReadOnlySpan<char> text, out Cid cid)
    {
        cid = default;
        if (text.IsEmpty)
        {
            return new FormatError("CID", "empty string");
        }

        if (text.Length == 46 && text[0] == 'Q' && text[1] == 'm')
        {
            return BaseX.TryDecode(text, Base58.Alphabet, "base58btc", caseInsensitive: false, out var v0) is { } notBase58
                ? new FormatError("CID", $"CIDv0 is not base58btc: {notBase58.Reason}", notBase58.Offset, notBase58)
                : TryFromBytes(v0, out cid);
        }

        if (Multibase.TryDecodeCore(text, out _, out var bytes) is { } notMultibase)
        {
            return new FormatError("CID", notMultibase.Reason, notMultibase.Offset, notMultibase);
        }

        return bytes.Length > 0 && bytes[0] == 0x12
            ? new FormatError("CID", "a CIDv0 cannot be written in a multibase other than plain base58btc")
            : TryFromBytes(bytes, out cid);
    }
}
