using IpfsKit.Errors;

namespace IpfsKit.Content;

/// <summary>Bitcoin base58 (the alphabet without 0, O, I and l), as used by CIDv0 and multibase <c>z</c>.</summary>
public static class Base58
{
    internal const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>Encodes bytes as base58btc text (no multibase prefix).</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The text.</returns>
    public static string Encode(ReadOnlySpan<byte> data) => Internal.BaseX.Encode(data, Alphabet);

    /// <summary>Decodes base58btc text (no multibase prefix).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="IpfsKitFormatException">A character outside the alphabet.</exception>
    public static byte[] Decode(ReadOnlySpan<char> text) => Internal.BaseX.Decode(text, Alphabet, "base58btc", caseInsensitive: false);
}
