namespace IpfsKit.Tests.Interop;

/// <summary>Deterministic test inputs: the same seed and size give the same bytes in every run.</summary>
internal static class InteropData
{
    public static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
