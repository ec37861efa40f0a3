using System.Security.Cryptography;
using IpfsKit.Errors;

namespace IpfsKit.Content;

/// <summary>
/// A self-describing hash: <c>&lt;varint code&gt;&lt;varint digest length&gt;&lt;digest&gt;</c>.
/// Immutable; equality compares the encoded bytes.
/// </summary>
/// <remarks>
/// Computing supports sha2-256, sha2-512 and identity (<see cref="IsSupported"/>); any well-formed multihash can be
/// parsed and carried. A digest shorter than the algorithm's full length (a truncated hash) is valid and verifies
/// against the same prefix of the full digest.
/// </remarks>
public readonly struct Multihash : IEquatable<Multihash>
{
    /// <summary>The largest digest accepted when parsing (identity hashes carry data inline).</summary>
    public const int MaxDigestLength = 4096;

    private readonly ReadOnlyMemory<byte> _bytes;

    private Multihash(ReadOnlyMemory<byte> bytes, Multicodec code, int digestOffset)
    {
        _bytes = bytes;
        Code = code;
        DigestOffset = digestOffset;
    }

    /// <summary>Gets the hash function's multicodec code, for example <see cref="Multicodec.Sha256"/>.</summary>
    public Multicodec Code { get; }

    /// <summary>Gets the digest bytes (without the code and length prefix).</summary>
    public ReadOnlyMemory<byte> Digest => _bytes[DigestOffset..];

    /// <summary>Gets the encoded multihash bytes.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>Gets the encoded length in bytes.</summary>
    public int Length => _bytes.Length;

    /// <summary>Gets whether this is the default (empty) value rather than a parsed or computed multihash.</summary>
    public bool IsEmpty => _bytes.IsEmpty;

    private int DigestOffset { get; }

    /// <summary>Gets whether IpfsKit can compute hashes with <paramref name="code"/>.</summary>
    /// <param name="code">A multihash function code.</param>
    /// <returns><see langword="true"/> for sha2-256, sha2-512 and identity.</returns>
    public static bool IsSupported(Multicodec code) =>
        code is Multicodec.Sha256 or Multicodec.Sha512 or Multicodec.Identity;

    /// <summary>Computes the sha2-256 multihash of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes to hash.</param>
    /// <returns>The multihash.</returns>
    public static Multihash Sha256(ReadOnlySpan<byte> data)
    {
        var bytes = new byte[34];
        bytes[0] = 0x12;
        bytes[1] = 32;
        SHA256.HashData(data, bytes.AsSpan(2));
        return new Multihash(bytes, Multicodec.Sha256, 2);
    }

    /// <summary>Computes the multihash of <paramref name="data"/> with the function <paramref name="code"/>.</summary>
    /// <param name="code">sha2-256, sha2-512 or identity.</param>
    /// <param name="data">The bytes to hash.</param>
    /// <returns>The multihash.</returns>
    /// <exception cref="NotSupportedException">IpfsKit cannot compute <paramref name="code"/>.</exception>
    public static Multihash Compute(Multicodec code, ReadOnlySpan<byte> data)
    {
        if (code == Multicodec.Sha256)
        {
            return Sha256(data);
        }

        var digestLength = code switch
        {
            Multicodec.Sha512 => 64,
            Multicodec.Identity => data.Length,
            _ => throw new NotSupportedException($"Hash function {MulticodecNames.GetName(code)} is not supported."),
        };
        if (digestLength > MaxDigestLength)
        {
            throw new ArgumentException($"An identity hash holds at most {MaxDigestLength} bytes.", nameof(data));
        }

        var prefix = Varint.GetLength((ulong)code) + Varint.GetLength((ulong)digestLength);
        var bytes = new byte[prefix + digestLength];
        var at = Varint.Write(bytes, (ulong)code);
        at += Varint.Write(bytes.AsSpan(at), (ulong)digestLength);
        if (code == Multicodec.Sha512)
        {
            SHA512.HashData(data, bytes.AsSpan(at));
        }
        else
        {
            data.CopyTo(bytes.AsSpan(at));
        }

        return new Multihash(bytes, code, at);
    }

    /// <summary>Parses a multihash that fills <paramref name="bytes"/> exactly.</summary>
    /// <param name="bytes">The encoded multihash.</param>
    /// <returns>The multihash (holding a copy of the bytes).</returns>
    /// <exception cref="IpfsKitFormatException">Malformed, or bytes left over.</exception>
    public static Multihash FromBytes(ReadOnlySpan<byte> bytes)
    {
        var mh = Read(bytes, out var read);
        if (read != bytes.Length)
        {
            throw new IpfsKitFormatException("multihash", $"{bytes.Length - read} bytes after the digest", read);
        }

        return mh;
    }

    /// <summary>Reads a multihash from the start of <paramref name="source"/>.</summary>
    /// <param name="source">Bytes that start with a multihash.</param>
    /// <param name="bytesRead">How many bytes the multihash took.</param>
    /// <returns>The multihash (holding a copy of its bytes).</returns>
    /// <exception cref="IpfsKitFormatException">Truncated or malformed.</exception>
    public static Multihash Read(ReadOnlySpan<byte> source, out int bytesRead)
    {
        var length = Measure(source, out var code, out var digestOffset);
        bytesRead = length;
        return new Multihash(source[..length].ToArray(), code, digestOffset);
    }

    /// <summary>Wraps already validated bytes without copying.</summary>
    internal static Multihash FromTrusted(ReadOnlyMemory<byte> bytes, Multicodec code, int digestOffset) =>
        new(bytes, code, digestOffset);

    /// <summary>Validates the multihash at the start of <paramref name="source"/> and returns its length.</summary>
    internal static int Measure(ReadOnlySpan<byte> source, out Multicodec code, out int digestOffset) =>
        TryMeasure(source, out var length, out code, out digestOffset) is { } error ? throw error.ToException() : length;

    /// <summary>Validates the multihash at the start of <paramref name="source"/>, or says why it is not one.</summary>
    /// <returns><see langword="null"/> when <paramref name="length"/> holds its length.</returns>
    internal static Internal.FormatError? TryMeasure(ReadOnlySpan<byte> source, out int length, out Multicodec code, out int digestOffset)
    {
        length = 0;
        code = default;
        digestOffset = 0;
        if (source.IsEmpty)
        {
            return new("multihash", "empty");
        }

        if (ReadPart(source, 0, out var rawCode, out var codeLength, "code") is { } badCode)
        {
            return badCode;
        }

        code = (Multicodec)rawCode;
        if (ReadPart(source, codeLength, out var digestLength, out var lengthLength, "digest length") is { } badLength)
        {
            return badLength;
        }

        digestOffset = codeLength + lengthLength;
        if (digestLength > MaxDigestLength)
        {
            return new("multihash", $"digest length {digestLength} exceeds {MaxDigestLength}", codeLength);
        }

        var full = FullDigestLength(code);
        if (full > 0 && (int)digestLength > full)
        {
            return new("multihash", $"{MulticodecNames.GetName(code)} digest of {digestLength} bytes is longer than {full}", codeLength);
        }

        if (source.Length - digestOffset < (int)digestLength)
        {
            return new("multihash", $"digest truncated: {source.Length - digestOffset} of {digestLength} bytes", digestOffset);
        }

        length = digestOffset + (int)digestLength;
        return null;
    }

    /// <summary>Checks whether <paramref name="data"/> hashes to this multihash.</summary>
    /// <param name="data">The bytes to check.</param>
    /// <returns><see langword="true"/> when the digests agree.</returns>
    /// <exception cref="NotSupportedException">IpfsKit cannot compute this hash function.</exception>
    public bool Matches(ReadOnlySpan<byte> data)
    {
        var digest = Digest.Span;
        switch (Code)
        {
            case Multicodec.Identity:
                return data.SequenceEqual(digest);
            case Multicodec.Sha256:
                {
                    Span<byte> full = stackalloc byte[32];
                    SHA256.HashData(data, full);
                    return full[..digest.Length].SequenceEqual(digest);
                }

            case Multicodec.Sha512:
                {
                    Span<byte> full = stackalloc byte[64];
                    SHA512.HashData(data, full);
                    return full[..digest.Length].SequenceEqual(digest);
                }

            default:
                throw new NotSupportedException($"Hash function {MulticodecNames.GetName(Code)} is not supported.");
        }
    }

    /// <inheritdoc/>
    public bool Equals(Multihash other) => _bytes.Span.SequenceEqual(other._bytes.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Multihash other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Internal.Hashing.Fingerprint(_bytes.Span);

    /// <summary>Returns the multihash as base58btc text (the form of a CIDv0).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Base58.Encode(_bytes.Span);

    /// <summary>Compares two multihashes by bytes.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(Multihash left, Multihash right) => left.Equals(right);

    /// <summary>Compares two multihashes by bytes.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(Multihash left, Multihash right) => !left.Equals(right);

    private static int FullDigestLength(Multicodec code) => code switch
    {
        Multicodec.Sha256 => 32,
        Multicodec.Sha512 => 64,
        _ => 0,
    };

    private static Internal.FormatError? ReadPart(ReadOnlySpan<byte> source, int offset, out ulong value, out int length, string part) =>
        Varint.TryRead(source[offset..], out value, out length, out var reason) switch
        {
            System.Buffers.OperationStatus.Done => null,
            System.Buffers.OperationStatus.NeedMoreData => new Internal.FormatError("multihash", $"{part} truncated", offset),
            _ => new Internal.FormatError("multihash", $"{part} varint {reason}", offset),
        };
}
