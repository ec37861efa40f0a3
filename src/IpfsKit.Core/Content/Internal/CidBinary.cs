using System.Buffers;

namespace IpfsKit.Content.Internal;

/// <summary>Validation of the binary CID layout, shared by <see cref="Cid.Read"/> and the decoders that embed CIDs.</summary>
internal static class CidBinary
{
    public static (int Length, int Version, Multicodec Codec, int HashOffset, Multicodec HashCode) Measure(ReadOnlySpan<byte> source) =>
        TryMeasure(source, out var layout) is { } error ? throw error.ToException() : layout;

    /// <summary>Validates the layout, or says why it is not a CID.</summary>
    /// <returns><see langword="null"/> when <paramref name="layout"/> holds it.</returns>
    public static FormatError? TryMeasure(ReadOnlySpan<byte> source, out (int Length, int Version, Multicodec Codec, int HashOffset, Multicodec HashCode) layout)
    {
        layout = default;
        if (source.IsEmpty)
        {
            return new FormatError("CID", "empty");
        }

        // CIDv0: a bare sha2-256 multihash.
        if (source[0] == 0x12)
        {
            if (source.Length < 34 || source[1] != 0x20)
            {
                return new FormatError("CID", "a CIDv0 must be a 34-byte sha2-256 multihash", 0);
            }

            layout = (34, 0, Multicodec.DagPb, 0, Multicodec.Sha256);
            return null;
        }

        if (ReadVarint(source, 0, out var version, out var versionLength, "version") is { } bad)
        {
            return bad;
        }

        if (version != 1)
        {
            return new FormatError("CID", $"unsupported version {version}", 0);
        }

        if (ReadVarint(source, versionLength, out var codec, out var codecLength, "codec") is { } badCodec)
        {
            return badCodec;
        }

        var hashOffset = versionLength + codecLength;
        if (Multihash.TryMeasure(source[hashOffset..], out var hashLength, out var hashCode, out _) is { } badHash)
        {
            return new FormatError("CID", $"multihash: {badHash.Reason}", hashOffset + (badHash.Offset ?? 0), badHash);
        }

        layout = (hashOffset + hashLength, 1, (Multicodec)codec, hashOffset, hashCode);
        return null;
    }

    public static int DigestOffset(byte[] bytes, int hashOffset)
    {
        var span = bytes.AsSpan(hashOffset);
        Varint.TryRead(span, out _, out var codeLength);
        Varint.TryRead(span[codeLength..], out _, out var lengthLength);
        return codeLength + lengthLength;
    }

    private static FormatError? ReadVarint(ReadOnlySpan<byte> source, int offset, out ulong value, out int length, string part) =>
        Varint.TryRead(source[offset..], out value, out length, out var reason) switch
        {
            OperationStatus.Done => null,
            OperationStatus.NeedMoreData => new FormatError("CID", $"{part} truncated", offset),
            _ => new FormatError("CID", $"{part} varint {reason}", offset),
        };
}
