using System.Text;

namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>Orders names by their UTF-8 bytes, the order Kubo sorts dag-pb links in (UTF-16 ordinal order differs above U+D7FF).</summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        Span<byte> a = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(x.Length, 256))];
        Span<byte> b = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(y.Length, 256))];
        if (x.Length > 256 || y.Length > 256)
        {
            return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
        }

        var la = Encoding.UTF8.GetBytes(x, a);
        var lb = Encoding.UTF8.GetBytes(y, b);
        return a[..la].SequenceCompareTo(b[..lb]);
    }
}
