namespace IpfsKit.Roles.Coordination;

/// <summary>Member tags (<c>IPFS_KIT_TAGS=ssd,eu</c>) and the pin policies' tag rules over them.</summary>
public static class MemberTags
{
    /// <summary>Parses a comma-separated tag list: trimmed, empty entries dropped, duplicates once, ordinal order.</summary>
    /// <param name="text">The list, or <see langword="null"/>.</param>
    /// <returns>The tags.</returns>
    /// <exception cref="ArgumentException">A tag has a character other than letters, digits, <c>-</c>, <c>_</c>, <c>.</c> or <c>:</c>, or is longer than 64.</exception>
    public static IReadOnlyList<string> Parse(string? text) => Normalize(text?.Split(','));

    /// <summary>Normalises a tag list as <see cref="Parse"/> does.</summary>
    /// <param name="tags">The tags, or <see langword="null"/>.</param>
    /// <returns>The tags.</returns>
    /// <exception cref="ArgumentException">A tag is malformed.</exception>
    public static IReadOnlyList<string> Normalize(IEnumerable<string>? tags)
    {
        var list = (tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var tag in list)
        {
            if (tag.Length > 64 || !tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                throw new ArgumentException($"tag \"{(tag.Length > 64 ? tag[..64] + "…" : tag)}\" is not valid: letters, digits, '-', '_', '.', ':' and at most 64 characters");
            }
        }

        return list;
    }

    /// <summary>Whether a member carrying <paramref name="memberTags"/> has every one of <paramref name="wanted"/>.</summary>
    /// <param name="memberTags">The member's tags.</param>
    /// <param name="wanted">The tags asked for; <see langword="null"/> or empty for none.</param>
    /// <returns><see langword="true"/> when none is missing.</returns>
    public static bool HasAll(IReadOnlyList<string> memberTags, IReadOnlyList<string>? wanted) =>
        wanted is null || wanted.All(t => memberTags.Contains(t, StringComparer.Ordinal));
}
