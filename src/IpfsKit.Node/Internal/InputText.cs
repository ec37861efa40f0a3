namespace IpfsKit.Node.Internal;

/// <summary>
/// Quotes user input (query arguments, CIDs, body text) in error messages and logs: at most
/// <see cref="MaxQuoted"/> characters and an ellipsis, so a huge argument never comes back whole.
/// </summary>
internal static class InputText
{
    /// <summary>The most characters of an input an error message repeats.</summary>
    public const int MaxQuoted = 64;

    /// <summary>Returns <paramref name="input"/> in single quotes, cut to <see cref="MaxQuoted"/> characters plus "…".</summary>
    public static string Quote(string? input) =>
        input is null || input.Length <= MaxQuoted ? $"'{input}'" : $"'{input.AsSpan(0, MaxQuoted)}…' ({input.Length} characters)";

    /// <summary>Quotes the start of an input whose whole was not read (a body line cut short): at most <see cref="MaxQuoted"/> characters and "…".</summary>
    public static string QuoteStart(string start) => $"'{start.AsSpan(0, Math.Min(start.Length, MaxQuoted))}…'";
}
