namespace IpfsKit.Internal;

/// <summary>Input text as error messages show it: quoted, and cut to its first 64 characters, so hostile input never makes a huge message.</summary>
internal static class Shown
{
    private const int MaxChars = 64;

    /// <summary>Quotes <paramref name="text"/>, cut with an ellipsis and its length when longer than 64 characters.</summary>
    public static string Quote(ReadOnlySpan<char> text) =>
        text.Length <= MaxChars ? $"\"{text}\"" : $"\"{text[..MaxChars]}…\" ({text.Length} characters)";
}
