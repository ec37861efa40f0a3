namespace IpfsKit.Content.Internal;

/// <summary>
/// Input text as error messages show it: quoted, and cut to its first <see cref="MaxChars"/> characters, so hostile
/// input never makes a huge message. The one quoting of user input, also used by the node host.
/// </summary>
internal static class Shown
{
    /// <summary>The most characters of an input a message repeats.</summary>
    public const int MaxChars = 64;

    /// <summary>Quotes <paramref name="text"/>, cut with an ellipsis and its length when longer than <see cref="MaxChars"/>.</summary>
    public static string Quote(ReadOnlySpan<char> text, char quote = '"') =>
        text.Length <= MaxChars ? $"{quote}{text}{quote}" : $"{quote}{text[..MaxChars]}…{quote} ({text.Length} characters)";
}
