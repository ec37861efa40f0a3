using System.Text;

namespace IpfsKit.Content.Car;

/// <summary>The CARv1 header: the dag-cbor map <c>{"roots": [CID…], "version": 1}</c>. Internal encoder and strict decoder.</summary>
internal static class CarHeader
{
    private const string Subject = "CAR";
    private static readonly byte[] RootsKey = Encoding.ASCII.GetBytes("roots");
    private static readonly byte[] VersionKey = Encoding.ASCII.GetBytes("version");

    /// <summary>Encodes the header in canonical dag-cbor (keys length-first: "roots" before "version").</summary>
    public static byte[] Encode(IReadOnlyList<Cid> roots)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte(0xA2);
        WriteHead(buffer, 3, (ulong)RootsKey.Length);
        buffer.Write(RootsKey);
        WriteHead(buffer, 4, (ulong)roots.Count);
        foreach (var root in roots)
        {
            buffer.WriteByte(0xD8);
            buffer.WriteByte(42);
            WriteHead(buffer, 2, (ulong)root.ByteLength + 1);
            buffer.WriteByte(0);
            buffer.Write(root.AsSpan());
        }

        WriteHead(buffer, 3, (ulong)VersionKey.Length);
        buffer.Write(VersionKey);
        buffer.WriteByte(0x01);
        return buffer.ToArray();
    }

    /// <summary>Decodes and checks a header; <paramref name="baseOffset"/> places errors in the file.</summary>
    public static IReadOnlyList<Cid> Decode(ReadOnlySpan<byte> header, long baseOffset)
    {
        var at = 0;
        var (major, count) = ReadHead(header, ref at, baseOffset);
        if (major != 5)
        {
            throw Error("the header is not a CBOR map", baseOffset);
        }

        List<Cid>? roots = null;
        ulong? version = null;
        for (ulong i = 0; i < count; i++)
        {
            var keyAt = at;
            var (keyMajor, keyLength) = ReadHead(header, ref at, baseOffset);
            if (keyMajor != 3 || keyLength > (ulong)(header.Length - at))
            {
                throw Error("a header key is not a text string", baseOffset + keyAt);
            }

            var key = header.Slice(at, (int)keyLength);
            at += (int)keyLength;
            if (key.SequenceEqual(RootsKey) && roots is null)
            {
                roots = ReadRoots(header, ref at, baseOffset);
            }
            else if (key.SequenceEqual(VersionKey) && version is null)
            {
                var (vMajor, v) = ReadHead(header, ref at, baseOffset);
                version = vMajor == 0 ? v : throw Error("version is not an unsigned integer", baseOffset + keyAt);
            }
            else
            {
                throw Error($"unexpected or repeated header key '{Encoding.UTF8.GetString(key)}'", baseOffset + keyAt);
            }
        }

        if (at != header.Length)
        {
            throw Error($"{header.Length - at} bytes after the header map", baseOffset + at);
        }

        if (version != 1)
        {
            throw Error(version is null ? "the header has no version" : $"version {version} is not supported (only CARv1)", baseOffset);
        }

        return roots ?? throw Error("the header has no roots", baseOffset);
    }

    private static List<Cid> ReadRoots(ReadOnlySpan<byte> header, ref int at, long baseOffset)
    {
        var (major, count) = ReadHead(header, ref at, baseOffset);
        if (major != 4 || count > 1024)
        {
            throw Error("roots is not an array (of at most 1024 CIDs)", baseOffset + at);
        }

        var roots = new List<Cid>((int)count);
        for (ulong i = 0; i < count; i++)
        {
            var tagAt = at;
            var (tagMajor, tag) = ReadHead(header, ref at, baseOffset);
            var (bytesMajor, length) = tagMajor == 6 && tag == 42 ? ReadHead(header, ref at, baseOffset) : (0, 0UL);
            if (tagMajor != 6 || tag != 42 || bytesMajor != 2 || length < 2 || length > (ulong)(header.Length - at) || header[at] != 0)
            {
                throw Error("a root is not a CID (tag 42 over a byte string starting with 0x00)", baseOffset + tagAt);
            }

            try
            {
                roots.Add(Cid.FromBytes(header.Slice(at + 1, (int)length - 1)));
            }
            catch (IpfsKitFormatException ex)
            {
                throw new IpfsKitFormatException(Subject, $"root {i} is not a valid CID: {ex.Reason}", baseOffset + at, ex);
            }

            at += (int)length;
        }

        return roots;
    }

    private static (int Major, ulong Value) ReadHead(ReadOnlySpan<byte> span, ref int at, long baseOffset)
    {
        if (at >= span.Length)
        {
            throw Error("the header is truncated", baseOffset + at);
        }

        var initial = span[at++];
        var major = initial >> 5;
        var info = initial & 0x1F;
        if (info < 24)
        {
            return (major, (ulong)info);
        }

        var size = info switch { 24 => 1, 25 => 2, 26 => 4, 27 => 8, _ => 0 };
        if (size == 0)
        {
            throw Error($"indefinite or reserved CBOR length (additional info {info})", baseOffset + at - 1);
        }

        if (span.Length - at < size)
        {
            throw Error("the header is truncated", baseOffset + at);
        }

        ulong value = 0;
        for (var i = 0; i < size; i++)
        {
            value = (value << 8) | span[at++];
        }

        return (major, value);
    }

    private static void WriteHead(Stream stream, int major, ulong value)
    {
        var m = (byte)(major << 5);
        if (value < 24)
        {
            stream.WriteByte((byte)(m | (byte)value));
        }
        else if (value <= byte.MaxValue)
        {
            stream.WriteByte((byte)(m | 24));
            stream.WriteByte((byte)value);
        }
        else if (value <= ushort.MaxValue)
        {
            stream.WriteByte((byte)(m | 25));
            stream.WriteByte((byte)(value >> 8));
            stream.WriteByte((byte)value);
        }
        else
        {
            stream.WriteByte((byte)(m | 26));
            for (var shift = 24; shift >= 0; shift -= 8)
            {
                stream.WriteByte((byte)(value >> shift));
            }
        }
    }

    private static IpfsKitFormatException Error(string reason, long offset) => new(Subject, reason, offset);
}
