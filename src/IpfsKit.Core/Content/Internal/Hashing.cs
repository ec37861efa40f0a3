using System.Buffers.Binary;

namespace IpfsKit.Content.Internal;

/// <summary>Cheap hash codes for content-addressed values (their bytes already end in a cryptographic digest).</summary>
internal static class Hashing
{
    public static int Fingerprint(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(bytes[^4..]) ^ bytes.Length : HashCodeOf(bytes);

    private static int HashCodeOf(ReadOnlySpan<byte> bytes)
    {
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
