using System.ComponentModel;
using System.Text.Json.Serialization;
using IpfsKit.Errors;

namespace IpfsKit.Content;

/// <summary>
/// A content identifier: CIDv0 (a base58btc sha2-256 multihash of a dag-pb block, <c>Qm…</c>) or CIDv1
/// (<c>&lt;version&gt;&lt;codec&gt;&lt;multihash&gt;</c>, written in a multibase, base32 <c>b…</c> by default).
/// </summary>
/// <remarks>
/// An immutable value: equality, ordering and hashing use the binary form, so the same CIDv1 written in two bases is one
/// value, while a CIDv0 and its <see cref="ToV1"/> form are two values (as in Kubo). <c>default(Cid)</c> is
/// <see cref="IsEmpty"/> and is not a valid CID. Thread-safe.
/// </remarks>
[JsonConverter(typeof(CidJsonConverter))]
[TypeConverter(typeof(CidConverter))]
public readonly partial struct Cid : IEquatable<Cid>, IComparable<Cid>, ISpanParsable<Cid>, ISpanFormattable
{
    private readonly byte[]? _bytes;
    private readonly byte _hashOffset;

    private Cid(byte[] bytes, int version, Multicodec codec, int hashOffset, Multicodec hashCode)
    {
        _bytes = bytes;
        Version = version;
        Codec = codec;
        _hashOffset = (byte)hashOffset;
        HashCode = hashCode;
    }

    /// <summary>Gets the CID version: 0 or 1.</summary>
    public int Version { get; }

    /// <summary>Gets the content codec, for example <see cref="Multicodec.DagPb"/> or <see cref="Multicodec.Raw"/>.</summary>
    public Multicodec Codec { get; }

    /// <summary>Gets the hash function of the multihash.</summary>
    public Multicodec HashCode { get; }

    /// <summary>Gets the multihash.</summary>
    public Multihash Hash => _bytes is null ? default : Multihash.FromTrusted(_bytes.AsMemory(_hashOffset), HashCode, DigestOffset);

    /// <summary>Gets the length of the binary form in bytes.</summary>
    public int ByteLength => _bytes?.Length ?? 0;

    /// <summary>Gets whether this is <c>default(Cid)</c> rather than a real CID.</summary>
    public bool IsEmpty => _bytes is null;

    private int DigestOffset => Internal.CidBinary.DigestOffset(_bytes!, _hashOffset);

    /// <summary>Creates a CIDv0 from a sha2-256 multihash.</summary>
    /// <param name="hash">A sha2-256 multihash with a 32-byte digest.</param>
    /// <returns>The CID.</returns>
    /// <exception cref="ArgumentException">The multihash is not a full sha2-256 hash.</exception>
    public static Cid CreateV0(Multihash hash)
    {
        if (hash.Code != Multicodec.Sha256 || hash.Digest.Length != 32)
        {
            throw new ArgumentException("A CIDv0 needs a 32-byte sha2-256 multihash.", nameof(hash));
        }

        return new Cid(hash.Bytes.ToArray(), 0, Multicodec.DagPb, 0, Multicodec.Sha256);
    }

    /// <summary>Creates a CIDv1.</summary>
    /// <param name="codec">The content codec.</param>
    /// <param name="hash">The multihash.</param>
    /// <returns>The CID.</returns>
    public static Cid CreateV1(Multicodec codec, Multihash hash)
    {
        if (hash.IsEmpty)
        {
            throw new ArgumentException("The multihash is empty.", nameof(hash));
        }

        var prefix = 1 + Varint.GetLength((ulong)codec);
        var bytes = new byte[prefix + hash.Length];
        bytes[0] = 1;
        Varint.Write(bytes.AsSpan(1), (ulong)codec);
        hash.Bytes.Span.CopyTo(bytes.AsSpan(prefix));
        return new Cid(bytes, 1, codec, prefix, hash.Code);
    }

    /// <summary>Hashes a block and returns its CID.</summary>
    /// <param name="codec">The block's codec.</param>
    /// <param name="block">The block's bytes.</param>
    /// <param name="version">0 (dag-pb and sha2-256 only) or 1.</param>
    /// <param name="hashFunction">The hash function. <value>The default value is sha2-256.</value></param>
    /// <returns>The CID.</returns>
    public static Cid Compute(Multicodec codec, ReadOnlySpan<byte> block, int version = 1, Multicodec hashFunction = Multicodec.Sha256)
    {
        if (version == 0)
        {
            if (codec != Multicodec.DagPb || hashFunction != Multicodec.Sha256)
            {
                throw new ArgumentException("A CIDv0 is always dag-pb with sha2-256.", nameof(version));
            }

            return CreateV0(Multihash.Sha256(block));
        }

        return version == 1
            ? CreateV1(codec, Multihash.Compute(hashFunction, block))
            : throw new ArgumentOutOfRangeException(nameof(version), version, "CID version must be 0 or 1.");
    }

    /// <summary>Builds a sha2-256 CID from a digest that is already computed (hot path of the importer).</summary>
    internal static Cid FromSha256Digest(int version, Multicodec codec, ReadOnlySpan<byte> digest)
    {
        if (version == 0)
        {
            var v0 = new byte[34];
            v0[0] = 0x12;
            v0[1] = 32;
            digest.CopyTo(v0.AsSpan(2));
            return new Cid(v0, 0, Multicodec.DagPb, 0, Multicodec.Sha256);
        }

        var prefix = 1 + Varint.GetLength((ulong)codec);
        var bytes = new byte[prefix + 34];
        bytes[0] = 1;
        Varint.Write(bytes.AsSpan(1), (ulong)codec);
        bytes[prefix] = 0x12;
        bytes[prefix + 1] = 32;
        digest.CopyTo(bytes.AsSpan(prefix + 2));
        return new Cid(bytes, 1, codec, prefix, Multicodec.Sha256);
    }

    /// <summary>Reads a CID whose binary form fills <paramref name="bytes"/> exactly.</summary>
    /// <param name="bytes">The binary CID.</param>
    /// <returns>The CID (holding a copy of the bytes).</returns>
    /// <exception cref="IpfsKitFormatException">Malformed, or bytes left over.</exception>
    public static Cid FromBytes(ReadOnlySpan<byte> bytes) =>
        TryFromBytes(bytes, out var cid) is { } error ? throw error.ToException() : cid;

    /// <summary>Reads a binary CID from the start of <paramref name="source"/>.</summary>
    /// <param name="source">Bytes that start with a CID.</param>
    /// <param name="bytesRead">How many bytes the CID took.</param>
    /// <returns>The CID.</returns>
    /// <exception cref="IpfsKitFormatException">Truncated or malformed.</exception>
    public static Cid Read(ReadOnlySpan<byte> source, out int bytesRead)
    {
        var (length, version, codec, hashOffset, hashCode) = Internal.CidBinary.Measure(source);
        bytesRead = length;
        return new Cid(source[..length].ToArray(), version, codec, hashOffset, hashCode);
    }

    /// <summary>Reads a CID whose binary form fills <paramref name="bytes"/> exactly, or says why it is not one.</summary>
    private static Internal.FormatError? TryFromBytes(ReadOnlySpan<byte> bytes, out Cid cid)
    {
        cid = default;
        if (Internal.CidBinary.TryMeasure(bytes, out var layout) is { } error)
        {
            return error;
        }

        if (layout.Length != bytes.Length)
        {
            return new Internal.FormatError("CID", $"{bytes.Length - layout.Length} unexpected bytes after the multihash", layout.Length);
        }

        cid = new Cid(bytes.ToArray(), layout.Version, layout.Codec, layout.HashOffset, layout.HashCode);
        return null;
    }

    /// <summary>Returns the binary form.</summary>
    /// <returns>A new array.</returns>
    public byte[] ToBytes() => _bytes is null ? [] : (byte[])_bytes.Clone();

    /// <summary>Gets the binary form without copying.</summary>
    /// <returns>The bytes (empty for <c>default(Cid)</c>).</returns>
    public ReadOnlySpan<byte> AsSpan() => _bytes;

    /// <summary>Copies the binary form into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="ByteLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    public int WriteTo(Span<byte> destination)
    {
        AsSpan().CopyTo(destination);
        return ByteLength;
    }

    /// <summary>Converts to CIDv1 (a CIDv1 is returned as it is).</summary>
    /// <returns>The CIDv1 with the same codec and multihash.</returns>
    public Cid ToV1() => Version == 1 || IsEmpty ? this : CreateV1(Codec, Hash);

    /// <inheritdoc/>
    public bool Equals(Cid other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Cid other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Internal.Hashing.Fingerprint(AsSpan());

    /// <summary>Orders CIDs by their binary form (a stable order for deterministic output).</summary>
    /// <param name="other">The other CID.</param>
    /// <returns>Negative, zero or positive.</returns>
    public int CompareTo(Cid other) => AsSpan().SequenceCompareTo(other.AsSpan());

    /// <summary>Equality by binary form.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(Cid left, Cid right) => left.Equals(right);

    /// <summary>Inequality by binary form.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(Cid left, Cid right) => !left.Equals(right);

    /// <summary>Binary order.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> sorts first.</returns>
    public static bool operator <(Cid left, Cid right) => left.CompareTo(right) < 0;

    /// <summary>Binary order.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> sorts first or equal.</returns>
    public static bool operator <=(Cid left, Cid right) => left.CompareTo(right) <= 0;

    /// <summary>Binary order.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> sorts last.</returns>
    public static bool operator >(Cid left, Cid right) => left.CompareTo(right) > 0;

    /// <summary>Binary order.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> sorts last or equal.</returns>
    public static bool operator >=(Cid left, Cid right) => left.CompareTo(right) >= 0;
}
