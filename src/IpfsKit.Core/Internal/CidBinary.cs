using System.Buffers;
using IpfsKit.Content;

namespace IpfsKit.Internal;

/// <summary>Validation of the binary CID layout, shared by <see cref="Cid.Read"/> and the decoders that embed CIDs.</summary>
internal static class CidBinary
{
    public static (int Length, int Version, Multicodec Codec, int HashOffset, Multicodec HashCode) Measure(ReadOnlySpan<byte> source)
    {
        if (source.IsEmpty)
        {
            throw new IpfsKitFormatException("CID", "empty");
        }

        // CIDv0: a bare sha2-256 multihash.
        if (source[0] == 0x12)
        {
            if (source.Length < 34 || source[1] != 0x20)
            {
                throw new IpfsKitFormatException("CID", "a CIDv0 must be a 34-byte sha2-256 multihash", 0);
            }

            return (34, 0, Multicodec.DagPb, 0, Multicodec.Sha256);
        }

        var version = ReadVarint(source, 0, out var versionLength, "version");
        if (version != 1)
        {
            throw new IpfsKitFormatException("CID", $"unsupported version {version}", 0);
        }

        var codec = ReadVarint(source, versionLength, out var codecLength, "codec");
        var hashOffset = versionLength + codecLength;
        int hashLength;
        Multicodec hashCode;
        try
        {
            hashLength = Multihash.Measure(source[hashOffset..], out hashCode, out _);
        }
        catch (IpfsKitFormatException ex)
        {
            throw new IpfsKitFormatException("CID", $"multihash: {ex.Reason}", hashOffset + (ex.Offset ?? 0), ex);
        }

        return (hashOffset + hashLength, 1, (Multicodec)codec, hashOffset, hashCode);
    }

    public static int DigestOffset(byte[] bytes, int hashOffset)
    {
        var span = bytes.AsSpan(hashOffset);
        Varint.TryRead(span, out _, out var codeLength);
        Varint.TryRead(span[codeLength..], out _, out var lengthLength);
        return codeLength + lengthLength;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> source, int offset, out int length, string part)
    {
        var status = Varint.TryRead(source[offset..], out var value, out length, out var reason);
        return status switch
        {
            OperationStatus.Done => value,
            OperationStatus.NeedMoreData => throw new IpfsKitFormatException("CID", $"{part} truncated", offset),
            _ => throw new IpfsKitFormatException("CID", $"{part} varint {reason}", offset),
        };
    }
}
