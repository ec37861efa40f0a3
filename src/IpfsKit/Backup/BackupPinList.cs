using IpfsKit.Content;
using IpfsKit.Transports;

namespace IpfsKit.Backup;

/// <summary>
/// The pin list of a backup folder (<c>pins.txt</c>): one <c>&lt;cid&gt; recursive|direct</c> a line, sorted by CID text.
/// </summary>
public static class BackupPinList
{
    /// <summary>Formats the recursive and direct pins of <paramref name="pins"/> (indirect ones are left out), sorted.</summary>
    /// <param name="pins">The pins.</param>
    /// <returns>The lines, each ending with <c>\n</c>.</returns>
    public static IReadOnlyList<string> Format(IEnumerable<PinEntry> pins) =>
        [.. pins.Where(p => p.Mode != PinMode.Indirect).Select(p => (Text: p.Cid.ToString(), p.Mode))
            .OrderBy(p => p.Text, StringComparer.Ordinal)
            .Select(p => $"{p.Text} {p.Mode.ToString().ToLowerInvariant()}\n")];

    /// <summary>Reads one line; a blank line is no pin.</summary>
    /// <param name="line">The line.</param>
    /// <param name="pin">The pin, when the line holds one.</param>
    /// <returns><see langword="true"/> for a pin, <see langword="false"/> for a blank line.</returns>
    /// <exception cref="FormatException">The line is neither blank nor <c>&lt;cid&gt; recursive|direct</c>.</exception>
    public static bool TryParseLine(string line, out PinEntry pin)
    {
        ArgumentNullException.ThrowIfNull(line);
        pin = default;
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return false;
        }

        if (parts.Length != 2 || !Cid.TryParse(parts[0], out var cid) || parts[1] is not ("recursive" or "direct"))
        {
            throw new FormatException($"expected '<cid> recursive|direct', got '{line}'");
        }

        pin = new PinEntry(cid, parts[1] == "direct" ? PinMode.Direct : PinMode.Recursive);
        return true;
    }
}
