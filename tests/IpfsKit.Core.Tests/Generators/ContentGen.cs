using System.Text;
using FsCheck;
using FsCheck.Fluent;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;

namespace IpfsKit.Tests.Generators;

/// <summary>FsCheck generators of valid content values (shared by the content, block and CAR tests).</summary>
internal static class ContentGen
{
    /// <summary>Every multibase encoding IpfsKit writes.</summary>
    public static Gen<MultibaseEncoding> Encoding => Gen.Elements(Enum.GetValues<MultibaseEncoding>());

    /// <summary>A <see cref="ulong"/> whose bit length (0 to 64) is uniform, so every varint length turns up.</summary>
    public static Gen<ulong> ULongAnyLength => AnyBits(64);

    /// <summary>A value below 2^63 (a multiformats varint) whose bit length (0 to 63) is uniform.</summary>
    public static Gen<ulong> ULong63 => AnyBits(63);

    /// <summary>A <see cref="long"/> of any magnitude and either sign.</summary>
    public static Gen<long> LongAnyLength =>
        from bits in ULongAnyLength
        from negative in ArbMap.Default.GeneratorFor<bool>()
        select negative ? -(long)(bits >> 1) - 1 : (long)(bits >> 1);

    public static Gen<byte[]> Bytes(int max) =>
        from length in Gen.Choose(0, max)
        from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
        select bytes;

    /// <summary>Random bytes, often starting with one to three zero bytes (the classic base-x bug).</summary>
    public static Gen<byte[]> BytesWithLeadingZeros(int max) =>
        from zeros in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        from rest in Bytes(max)
        select new byte[zeros].Concat(rest).ToArray();

    /// <summary>A content codec: a well-known one or any code below 2^63.</summary>
    public static Gen<Multicodec> Codec =>
        Gen.OneOf(
            Gen.Elements(Multicodec.Raw, Multicodec.DagPb, Multicodec.DagCbor, Multicodec.DagJson, Multicodec.Identity, (Multicodec)0x300001),
            ULong63.Select(v => (Multicodec)v));

    public static Gen<Cid> CidV0 => Bytes(64).Select(b => IpfsKit.Content.Cid.Compute(Multicodec.DagPb, b, version: 0));

    /// <summary>A CIDv1 with a random codec and a sha2-256, sha2-512 or identity multihash.</summary>
    public static Gen<Cid> CidV1 =>
        from codec in Codec
        from hash in Gen.Elements(Multicodec.Sha256, Multicodec.Sha512, Multicodec.Identity)
        from data in Bytes(40)
        select IpfsKit.Content.Cid.Compute(codec, data, 1, hash);

    public static Gen<Cid> Cid => Gen.Frequency((1, CidV0), (3, CidV1));

    /// <summary>Valid UTF-16 text (no lone surrogates) from every plane, including astral characters.</summary>
    public static Gen<string> UnicodeText =>
        from runes in Gen.ArrayOf(Gen.OneOf(
            Gen.Choose(0x20, 0x7E),
            Gen.Choose(0, 0xD7FF),
            Gen.Choose(0xE000, 0x10FFFF)))
        select string.Concat(runes.Select(r => new Rune(r).ToString()));

    public static Gen<string?> Name =>
        Gen.OneOf(
            Gen.Constant<string?>(null),
            Gen.Constant<string?>(string.Empty),
            Gen.Elements<string?>("a.txt", "\u00fcn\u00ef", "\U0001F600 x", "01ABC"),
            from chars in Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(c => (char)c))
            select (string?)new string(chars),
            UnicodeText.Select(s => (string?)s));

    public static Gen<ulong?> Tsize => Gen.OneOf(Gen.Constant<ulong?>(null), ULongAnyLength.Select(v => (ulong?)v));

    public static Gen<DagPbLink> DagPbLink =>
        from cid in Cid
        from name in Name
        from tsize in Tsize
        select new DagPbLink(cid, name, tsize);

    public static Gen<DagPbNode> DagPbNode =>
        from count in Gen.Choose(0, 6)
        from links in Gen.ArrayOf(DagPbLink, count)
        from data in OptionalBytes(100)
        select new DagPbNode(links, data);

    public static Gen<UnixFsTime> UnixFsTime =>
        from seconds in Gen.OneOf(LongAnyLength, Gen.Elements(0L, -1L, long.MinValue, long.MaxValue))
        from nanos in Gen.OneOf(Gen.Constant<uint?>(null), Gen.Choose(1, 999_999_999).Select(v => (uint?)v))
        select new UnixFsTime(seconds, nanos);

    public static Gen<UnixFsData> UnixFsData =>
        from type in Gen.Elements(Enum.GetValues<UnixFsType>())
        from data in OptionalBytes(50)
        from fileSize in OptionalULong
        from sizes in Gen.ArrayOf(ULongAnyLength)
        from hashType in OptionalULong
        from fanout in OptionalULong
        from mode in Gen.OneOf(Gen.Constant<uint?>(null), ArbMap.Default.GeneratorFor<uint>().Select(v => (uint?)v))
        from time in UnixFsTime
        from hasTime in ArbMap.Default.GeneratorFor<bool>()
        select new UnixFsData
        {
            Type = type,
            Data = data,
            FileSize = fileSize,
            BlockSizes = sizes,
            HashType = hashType,
            Fanout = fanout,
            Mode = mode,
            Mtime = hasTime ? time : null,
        };

    /// <summary>A valid encoding with random damage: a flipped byte, an insertion, a deletion or a truncation.</summary>
    public static Gen<byte[]> Mutated(Gen<byte[]> valid) =>
        from bytes in valid
        from kind in Gen.Choose(0, 3)
        from position in Gen.Choose(0, 1000)
        from value in ArbMap.Default.GeneratorFor<byte>()
        select Mutate(bytes, kind, position, value);

    /// <summary>One to three rounds of <see cref="Mutated"/> damage.</summary>
    public static Gen<byte[]> MutatedRepeatedly(Gen<byte[]> valid) =>
        from rounds in Gen.Choose(1, 3)
        from bytes in Enumerable.Range(0, rounds).Aggregate(valid, (gen, _) => Mutated(gen))
        select bytes;

    /// <summary>Valid text with one damaged character: replaced (by an alphabet or any character), inserted, deleted, or cut.</summary>
    public static Gen<string> MutatedText(Gen<string> valid) =>
        from text in valid
        from kind in Gen.Choose(0, 3)
        from position in Gen.Choose(0, 1000)
        from c in Gen.OneOf(
            Gen.Elements("0Ol1IiAaZz9=+/-_ ".ToCharArray()),
            Gen.Choose(0x20, 0x7E).Select(v => (char)v),
            Gen.Choose(0, 0xFFFF).Select(v => (char)v))
        select MutateText(text, kind, position, c);

    /// <summary>
    /// Absent, empty or random bytes. Typed as <c>ReadOnlyMemory&lt;byte&gt;?</c> on purpose: a null <c>byte[]</c>
    /// converts to an empty memory that has a value, so absent would never be generated.
    /// </summary>
    public static Gen<ReadOnlyMemory<byte>?> OptionalBytes(int max) =>
        Gen.Frequency(
            (1, Gen.Constant<ReadOnlyMemory<byte>?>(null)),
            (1, Gen.Constant<ReadOnlyMemory<byte>?>(ReadOnlyMemory<byte>.Empty)),
            (2, Bytes(max).Select(b => (ReadOnlyMemory<byte>?)b)));

    private static Gen<ulong?> OptionalULong => Gen.OneOf(Gen.Constant<ulong?>(null), ULongAnyLength.Select(v => (ulong?)v));

    private static Gen<ulong> AnyBits(int maxBits) =>
        from bits in Gen.Choose(0, maxBits)
        from hi in ArbMap.Default.GeneratorFor<int>()
        from lo in ArbMap.Default.GeneratorFor<int>()
        let raw = ((ulong)(uint)hi << 32) | (uint)lo
        select bits == 0 ? 0 : (raw & (ulong.MaxValue >> (64 - bits))) | (1UL << (bits - 1));

    private static byte[] Mutate(byte[] bytes, int kind, int position, byte value)
    {
        var list = bytes.ToList();
        var at = list.Count == 0 ? 0 : position % list.Count;
        switch (kind)
        {
            case 0 when list.Count > 0:
                list[at] ^= (byte)(value | 1);
                break;
            case 1:
                list.Insert(at, value);
                break;
            case 2 when list.Count > 0:
                list.RemoveAt(at);
                break;
            default:
                list = list.Take(at).ToList();
                break;
        }

        return [.. list];
    }

    private static string MutateText(string text, int kind, int position, char c)
    {
        var at = text.Length == 0 ? 0 : position % text.Length;
        return kind switch
        {
            0 when text.Length > 0 => string.Concat(text.AsSpan(0, at), c.ToString(), text.AsSpan(at + 1)),
            1 => text.Insert(at, c.ToString()),
            2 when text.Length > 0 => text.Remove(at, 1),
            _ => text[..at],
        };
    }
}
