using FsCheck;
using FsCheck.Fluent;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;

namespace IpfsKit.Tests.Generators;

/// <summary>FsCheck generators of valid content values.</summary>
internal static class ContentGen
{
    public static Gen<byte[]> Bytes(int max) =>
        from length in Gen.Choose(0, max)
        from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
        select bytes;

    public static Gen<Cid> Cid =>
        Gen.OneOf(
            Bytes(64).Select(b => IpfsKit.Content.Cid.Compute(Multicodec.DagPb, b, version: 0)),
            from codec in Gen.Elements(Multicodec.Raw, Multicodec.DagPb, Multicodec.DagCbor, Multicodec.DagJson, (Multicodec)0x300001)
            from hash in Gen.Elements(Multicodec.Sha256, Multicodec.Sha512, Multicodec.Identity)
            from data in Bytes(40)
            select IpfsKit.Content.Cid.Compute(codec, data, 1, hash));

    public static Gen<string?> Name =>
        Gen.OneOf(
            Gen.Constant<string?>(null),
            Gen.Constant<string?>(string.Empty),
            Gen.Elements<string?>("a.txt", "\u00fcn\u00ef", "\U0001F600 x", "01ABC"),
            from chars in Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(c => (char)c))
            select (string?)new string(chars));

    public static Gen<DagPbNode> DagPbNode =>
        from count in Gen.Choose(0, 6)
        from links in Gen.ArrayOf(
            from cid in Cid
            from name in Name
            from tsize in Gen.OneOf(Gen.Constant<ulong?>(null), ArbMap.Default.GeneratorFor<ulong>().Select(v => (ulong?)v))
            select new DagPbLink(cid, name, tsize), count)
        from hasData in ArbMap.Default.GeneratorFor<bool>()
        from data in Bytes(100)
        select new DagPbNode(links, hasData ? data : null);

    public static Gen<UnixFsData> UnixFsData =>
        from type in Gen.Elements(Enum.GetValues<UnixFsType>())
        from data in Gen.OneOf(Gen.Constant<byte[]?>(null), Bytes(50).Select(b => (byte[]?)b))
        from fileSize in OptionalULong
        from sizes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<ulong>())
        from hashType in OptionalULong
        from fanout in OptionalULong
        from mode in Gen.OneOf(Gen.Constant<uint?>(null), ArbMap.Default.GeneratorFor<uint>().Select(v => (uint?)v))
        from seconds in ArbMap.Default.GeneratorFor<long>()
        from nanos in Gen.OneOf(Gen.Constant<uint?>(null), Gen.Choose(1, 999_999_999).Select(v => (uint?)v))
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
            Mtime = hasTime ? new UnixFsTime(seconds, nanos) : null,
        };

    /// <summary>A valid encoding with random damage: a flipped byte, an insertion, a deletion or a truncation.</summary>
    public static Gen<byte[]> Mutated(Gen<byte[]> valid) =>
        from bytes in valid
        from kind in Gen.Choose(0, 3)
        from position in Gen.Choose(0, 1000)
        from value in ArbMap.Default.GeneratorFor<byte>()
        select Mutate(bytes, kind, position, value);

    private static Gen<ulong?> OptionalULong =>
        Gen.OneOf(Gen.Constant<ulong?>(null), ArbMap.Default.GeneratorFor<ulong>().Select(v => (ulong?)v));

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
}
