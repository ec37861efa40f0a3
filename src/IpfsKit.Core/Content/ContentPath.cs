using System.Diagnostics.CodeAnalysis;
using IpfsKit.Content.Internal;
using IpfsKit.Errors;

namespace IpfsKit.Content;

/// <summary>
/// An IPFS content path: a root CID and the names to follow from it through UnixFS directories, as
/// <c>/ipfs/&lt;cid&gt;/a/b</c>, <c>&lt;cid&gt;/a/b</c> or a bare CID. Resolve it with
/// <see cref="UnixFs.Reading.UnixFsReader.ResolveAsync"/>. Immutable.
/// </summary>
public readonly record struct ContentPath
{
    private const string Namespace = "/ipfs/";

    /// <summary>Creates a path from a root and the names under it.</summary>
    /// <param name="root">The root CID.</param>
    /// <param name="segments">The names to follow, in order; none for the root itself.</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitFormatException">A segment is empty, <c>.</c>, <c>..</c> or holds a <c>/</c>; the message names it.</exception>
    public ContentPath(Cid root, IReadOnlyList<string>? segments = null)
    {
        if (root.IsEmpty)
        {
            throw new ArgumentException("The CID is empty (default(Cid)).", nameof(root));
        }

        Root = root;
        var copy = segments is null ? [] : segments.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (CheckSegment(copy[i], i) is { } error)
            {
                throw new IpfsKitFormatException("IPFS path", error);
            }
        }

        Segments = copy;
    }

    /// <summary>Gets the root CID.</summary>
    public Cid Root { get; }

    /// <summary>Gets the names to follow from <see cref="Root"/>, in order (empty for the root itself).</summary>
    public IReadOnlyList<string> Segments => field ?? [];

    /// <summary>A path naming a CID itself.</summary>
    /// <param name="cid">The CID.</param>
    public static implicit operator ContentPath(Cid cid) => new(cid);

    /// <summary>Parses <c>/ipfs/&lt;cid&gt;[/name…]</c>, <c>&lt;cid&gt;[/name…]</c> or a bare CID; a trailing <c>/</c> is ignored.</summary>
    /// <param name="text">The path.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="IpfsKitFormatException">
    /// The path is empty, names another namespace (<c>/ipns/</c>), its root is not a CID, or a segment is empty,
    /// <c>.</c> or <c>..</c>; the message names the bad part.
    /// </exception>
    public static ContentPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseCore(text, out var path) is { } error ? throw new IpfsKitFormatException("IPFS path", error) : path;
    }

    /// <summary>Parses a path without throwing.</summary>
    /// <param name="text">The path.</param>
    /// <param name="path">The path, when the text is one.</param>
    /// <returns>Whether the text is a path.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out ContentPath path)
    {
        path = default;
        return text is not null && TryParseCore(text, out path) is null;
    }

    /// <summary>Tells whether two paths have one root and the same segments (ordinal).</summary>
    /// <param name="other">The other path.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(ContentPath other) => Root == other.Root && Segments.SequenceEqual(other.Segments, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Root);
        foreach (var segment in Segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Gets the canonical form, <c>/ipfs/&lt;cid&gt;/a/b</c>.</summary>
    /// <returns>The path.</returns>
    public override string ToString() =>
        Root.IsEmpty ? string.Empty : Namespace + Root + string.Concat(Segments.Select(s => "/" + s));

    private static string? TryParseCore(string text, out ContentPath path)
    {
        path = default;
        var rest = text.AsSpan().Trim();
        if (rest.StartsWith(Namespace, StringComparison.Ordinal))
        {
            rest = rest[Namespace.Length..];
        }
        else if (rest.StartsWith("/", StringComparison.Ordinal))
        {
            var end = rest[1..].IndexOf('/');
            return $"{Shown.Quote(text)} is not under /ipfs/ (namespace {Shown.Quote(end < 0 ? rest[1..] : rest[1..(end + 1)])} is not supported)";
        }

        rest = rest.TrimEnd('/');
        if (rest.IsEmpty)
        {
            return $"{Shown.Quote(text)} names no CID";
        }

        var slash = rest.IndexOf('/');
        var rootText = slash < 0 ? rest : rest[..slash];
        if (!Cid.TryParse(rootText, out var root))
        {
            return slash < 0 ? $"{Shown.Quote(rootText)} is not a CID" : $"{Shown.Quote(rootText)} (the root of {Shown.Quote(text)}) is not a CID";
        }

        var segments = slash < 0 ? [] : rest[(slash + 1)..].ToString().Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (CheckSegment(segments[i], i) is { } error)
            {
                return $"{error} in {Shown.Quote(text)}";
            }
        }

        path = new ContentPath(root, segments);
        return null;
    }

    private static string? CheckSegment(string? segment, int index) => segment switch
    {
        null or "" => $"segment {index + 1} is empty",
        "." or ".." => $"segment {index + 1} is {Shown.Quote(segment)} (relative segments are not followed)",
        _ when segment.Contains('/', StringComparison.Ordinal) => $"segment {index + 1} {Shown.Quote(segment)} holds a '/'",
        _ => null,
    };
}
