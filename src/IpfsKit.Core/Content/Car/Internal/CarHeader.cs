using IpfsKit.Errors;

namespace IpfsKit.Content.Car.Internal;

/// <summary>
/// The CARv1 header block: the dag-cbor map <c>{"roots": [CID, …], "version": 1}</c>. The encoder writes canonical
/// dag-cbor (keys sorted length-first, so "roots" before "version"; shortest heads; each CID as tag 42 over a byte string
/// of 0x00 and the binary CID). The decoder is strict about the CBOR (definite lengths, shortest heads, no extra keys or
/// bytes) and accepts the two keys in either order.
/// </summary>
internal static class CarHeader
{
    /// <summary>The only CAR version this code reads and writes.</summary>
    public const int Version = 1;

    private static ReadOnlySpan<byte> RootsKey => "roots"u8;

    private static ReadOnlySpan<byte> VersionKey => "version"u8;

    /// <summary>Gets the length of the encoded header block (without its varint length prefix).</summary>
    public static int GetEncodedLength(IReadOnlyList<Cid> roots)
    {
        var length = 1 + TextLength(RootsKey) + Cbor.GetHeadLength((ulong)roots.Count);
        foreach (var root in roots)
        {
            var bytes = (ulong)root.ByteLength + 1;
            length += Cbor.GetHeadLength(Cbor.CidTag) + Cbor.GetHeadLength(bytes) + (int)bytes;
        }

        return length + TextLength(VersionKey) + Cbor.GetHeadLength(Version);
    }

    /// <summary>Writes the header block; <paramref name="destination"/> holds <see cref="GetEncodedLength"/> bytes.</summary>
    /// <returns>The number of bytes written.</returns>
    public static int Write(Span<byte> destination, IReadOnlyList<Cid> roots)
    {
        var at = Cbor.WriteHead(destination, Cbor.Map, 2);
        at += WriteText(destination[at..], RootsKey);
        at += Cbor.WriteHead(destination[at..], Cbor.Array, (ulong)roots.Count);
        foreach (var root in roots)
        {
            at += Cbor.WriteHead(destination[at..], Cbor.Tag, Cbor.CidTag);
            at += Cbor.WriteHead(destination[at..], Cbor.ByteString, (ulong)root.ByteLength + 1);
            destination[at++] = 0x00; // dag-cbor's prefix of a binary CID (the identity multibase)
            at += root.WriteTo(destination[at..]);
        }

        at += WriteText(destination[at..], VersionKey);
        at += Cbor.WriteHead(destination[at..], Cbor.UnsignedInteger, Version);
        return at;
    }

    /// <summary>Decodes and checks a header block.</summary>
    /// <param name="header">The header block (the bytes after its varint length).</param>
    /// <param name="baseOffset">The file offset of <paramref name="header"/>[0], for errors.</param>
    /// <returns>The roots (possibly empty) and the version (always 1).</returns>
    /// <exception cref="IpfsKitFormatException">The header is not a valid CARv1 header.</exception>
    public static (IReadOnlyList<Cid> Roots, int Version) Read(ReadOnlySpan<byte> header, long baseOffset)
    {
        var at = 0;
        var entries = Cbor.ReadHead(header, ref at, Cbor.Map, "the header", baseOffset);
        List<Cid>? roots = null;
        ulong? version = null;
        var versionAt = baseOffset;
        for (ulong i = 0; i < entries; i++)
        {
            var keyAt = at;
            var key = ReadText(header, ref at, "a header key", baseOffset);
            if (key.SequenceEqual(RootsKey) && roots is null)
            {
                roots = ReadRoots(header, ref at, baseOffset);
            }
            else if (key.SequenceEqual(VersionKey) && version is null)
            {
                versionAt = baseOffset + at;
                version = Cbor.ReadHead(header, ref at, Cbor.UnsignedInteger, "version", baseOffset);
            }
            else
            {
                var repeated = key.SequenceEqual(RootsKey) || key.SequenceEqual(VersionKey);
                throw CarErrors.Format(
                    repeated
                        ? $"the header key {CarErrors.Quote(key)} is repeated"
                        : $"unexpected header key {CarErrors.Quote(key)} (a CARv1 header holds only 'roots' and 'version')",
                    baseOffset + keyAt);
            }
        }

        if (at != header.Length)
        {
            throw CarErrors.Format($"{header.Length - at} bytes follow the header map inside the header block", baseOffset + at);
        }

        if (version is null)
        {
            throw CarErrors.Format("the header has no 'version'", baseOffset);
        }

        if (version != Version)
        {
            var hint = version == 2 ? "; version 2 marks a CARv2 file, whose inner CARv1 must be read instead" : string.Empty;
            throw CarErrors.Format($"version {version} is not supported (only CARv1{hint})", versionAt);
        }

        return (roots ?? throw CarErrors.Format("the header has no 'roots'", baseOffset), Version);
    }

    private static List<Cid> ReadRoots(ReadOnlySpan<byte> header, ref int at, long baseOffset)
    {
        var countAt = at;
        var count = Cbor.ReadHead(header, ref at, Cbor.Array, "roots", baseOffset);

        // Every root takes several bytes, so a count beyond the bytes left is a lie: refuse it before allocating.
        if (count > (ulong)(header.Length - at))
        {
            throw CarErrors.Format($"roots claims {count} entries but only {header.Length - at} bytes follow", baseOffset + countAt);
        }

        var roots = new List<Cid>((int)count);
        for (var i = 0; i < (int)count; i++)
        {
            var rootAt = at;
            var what = $"root {i}";
            var tag = Cbor.ReadHead(header, ref at, Cbor.Tag, what, baseOffset);
            if (tag != Cbor.CidTag)
            {
                throw CarErrors.Format($"{what} has CBOR tag {tag}, not {Cbor.CidTag} (a CID)", baseOffset + rootAt);
            }

            var bytes = ReadBytes(header, ref at, Cbor.ByteString, what, baseOffset);
            if (bytes.IsEmpty || bytes[0] != 0x00)
            {
                throw CarErrors.Format($"{what} does not start with 0x00, the prefix of a binary CID in dag-cbor", baseOffset + rootAt);
            }

            try
            {
                roots.Add(Cid.FromBytes(bytes[1..]));
            }
            catch (IpfsKitFormatException ex)
            {
                var cidOffset = baseOffset + at - bytes.Length + 1;
                throw CarErrors.Format($"{what} is not a valid CID: {ex.Reason}", cidOffset + (ex.Offset ?? 0), ex);
            }
        }

        return roots;
    }

    private static ReadOnlySpan<byte> ReadText(ReadOnlySpan<byte> header, ref int at, string what, long baseOffset) =>
        ReadBytes(header, ref at, Cbor.TextString, what, baseOffset);

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> header, ref int at, int major, string what, long baseOffset)
    {
        var headAt = at;
        var length = Cbor.ReadHead(header, ref at, major, what, baseOffset);
        if (length > (ulong)(header.Length - at))
        {
            throw CarErrors.Format($"the header ends inside {what} ({header.Length - at} of {length} bytes)", baseOffset + headAt);
        }

        var bytes = header.Slice(at, (int)length);
        at += (int)length;
        return bytes;
    }

    private static int TextLength(ReadOnlySpan<byte> text) => Cbor.GetHeadLength((ulong)text.Length) + text.Length;

    private static int WriteText(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        var at = Cbor.WriteHead(destination, Cbor.TextString, (ulong)text.Length);
        text.CopyTo(destination[at..]);
        return at + text.Length;
    }
}
