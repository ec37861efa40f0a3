using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;

namespace IpfsKit.Tests.Content.Car;

/// <summary>Known CARs and helpers shared by the CAR tests.</summary>
internal static class CarTestData
{
    /// <summary>
    /// The CARv1 specification's fixture <c>carv1-basic.car</c> (715 bytes): two dag-cbor roots, then eight sections of
    /// dag-cbor, dag-pb (CIDv0) and raw blocks. From ipld/ipld <c>specs/transport/car/fixture/carv1-basic/carv1-basic.car</c>
    /// (git blob 48c67a3d8dc77ccff652289efb2b41edd4867d44, linked from https://ipld.io/specs/transport/car/carv1/ "Test
    /// Fixtures"); CIDs, offsets and lengths below are from its companion <c>carv1-basic.json</c>. Its header also equals
    /// the one in ipld/js-car <c>test/fixture-data.js</c>.
    /// </summary>
    public static readonly byte[] SpecCarv1Basic = Convert.FromHexString(
        "63a265726f6f747382d82a58250001711220f88bc853804cf294fe417e4fa83028689fcdb1b1592c5102e1474dbc200fab8bd82a5825000171"
        + "122069ea0740f9807a28f4d932c62e7c1c83be055e55072c90266ab3e79df63a365b6776657273696f6e01"
        + "5b01711220f88bc853804cf294fe417e4fa83028689fcdb1b1592c5102e1474dbc200fab8ba2646c696e6bd82a582300122002acecc5de2438ea"
        + "4126a3010ecb1f8a599c8eff22fff1a1dcffe999b27fd3de646e616d6564626c6970"
        + "8301122002acecc5de2438ea4126a3010ecb1f8a599c8eff22fff1a1dcffe999b27fd3de122e0a2401551220b6fbd675f98e2abd22d4ed29fdc8"
        + "3150fedc48597e92dd1a7a24381d44a274511204626561721804122f0a22122079a982de3c9907953d4d323cee1d0fb1ed8f45f8ef02870c0cb9"
        + "e09246bd530a12067365636f6e64189501"
        + "2801551220b6fbd675f98e2abd22d4ed29fdc83150fedc48597e92dd1a7a24381d44a2745163636363"
        + "8001122079a982de3c9907953d4d323cee1d0fb1ed8f45f8ef02870c0cb9e09246bd530a122d0a240155122081cc5b17018674b401b42f35ba07"
        + "bb79e211239c23bffe658da1577e3e6468771203646f671804122d0a221220e7dc486e97e6ebe5cdabab3e392bdad128b6e09acc94bb4e2aa2af"
        + "7b986d24d0120566697273741833"
        + "280155122081cc5b17018674b401b42f35ba07bb79e211239c23bffe658da1577e3e64687762626262"
        + "511220e7dc486e97e6ebe5cdabab3e392bdad128b6e09acc94bb4e2aa2af7b986d24d0122d0a240155122061be55a8e2f6b4e172338bddf184d6"
        + "dbee29c98853e0a0485ecee7f27b9af0b412036361741804"
        + "280155122061be55a8e2f6b4e172338bddf184d6dbee29c98853e0a0485ecee7f27b9af0b461616161"
        + "360171122069ea0740f9807a28f4d932c62e7c1c83be055e55072c90266ab3e79df63a365ba2646c696e6bf6646e616d65656c696d626f");

    /// <summary>The roots of <see cref="SpecCarv1Basic"/>.</summary>
    public static readonly Cid[] SpecRoots =
    [
        Cid.Parse("bafyreihyrpefhacm6kkp4ql6j6udakdit7g3dmkzfriqfykhjw6cad5lrm"),
        Cid.Parse("bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm"),
    ];

    /// <summary>The CIDs of the sections of <see cref="SpecCarv1Basic"/>, in file order.</summary>
    public static readonly Cid[] SpecBlocks =
    [
        Cid.Parse("bafyreihyrpefhacm6kkp4ql6j6udakdit7g3dmkzfriqfykhjw6cad5lrm"),
        Cid.Parse("QmNX6Tffavsya4xgBi2VJQnSuqy9GsxongxZZ9uZBqp16d"),
        Cid.Parse("bafkreifw7plhl6mofk6sfvhnfh64qmkq73oeqwl6sloru6rehaoujituke"),
        Cid.Parse("QmWXZxVQ9yZfhQxLD35eDR8LiMRsYtHxYqTFCBbJoiJVys"),
        Cid.Parse("bafkreiebzrnroamgos2adnbpgw5apo3z4iishhbdx77gldnbk57d4zdio4"),
        Cid.Parse("QmdwjhxpxzcMsR3qUuj7vUL8pbA7MgR3GAxWi2GLHjsKCT"),
        Cid.Parse("bafkreidbxzk2ryxwwtqxem4l3xyyjvw35yu4tcct4cqeqxwo47zhxgxqwq"),
        Cid.Parse("bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm"),
    ];

    /// <summary>The file offset of each section of <see cref="SpecCarv1Basic"/> ("offset" in carv1-basic.json).</summary>
    public static readonly int[] SpecSectionOffsets = [100, 192, 325, 366, 496, 537, 619, 660];

    /// <summary>The block length of each section ("blockLength" in carv1-basic.json).</summary>
    public static readonly int[] SpecBlockLengths = [55, 97, 4, 94, 4, 47, 4, 18];

    /// <summary>A CAR with no roots and no blocks: <c>varint(17) {"roots": [], "version": 1}</c>.</summary>
    public static readonly byte[] EmptyCar = Convert.FromHexString("11a265726f6f7473806776657273696f6e01");

    public static async Task<byte[]> WriteAsync(IReadOnlyList<Cid> roots, IEnumerable<Block> blocks)
    {
        var stream = new MemoryStream();
        await using (var writer = await CarWriter.CreateAsync(stream, roots))
        {
            foreach (var block in blocks)
            {
                await writer.WriteAsync(block);
            }
        }

        return stream.ToArray();
    }

    public static Task<CarContent> ReadAllAsync(byte[] car, CarReaderOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAllAsync(new MemoryStream(car), options, cancellationToken);

    public static async Task<CarContent> ReadAllAsync(Stream car, CarReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var reader = await CarReader.OpenAsync(car, options, cancellationToken);
        var blocks = new List<Block>();
        await foreach (var block in reader.ReadBlocksAsync(cancellationToken))
        {
            blocks.Add(block);
        }

        return new CarContent(reader.Roots, reader.Version, blocks);
    }

    /// <summary>Prefixes a header block (given as hex) with its varint length.</summary>
    public static byte[] WithLength(string headerHex)
    {
        var body = Convert.FromHexString(headerHex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var prefix = new byte[Varint.MaxMultiformatLength];
        var n = Varint.Write(prefix, (ulong)body.Length);
        return [.. prefix[..n], .. body];
    }

    public static async Task<MemoryBlockStore> SpecStoreAsync()
    {
        var store = new MemoryBlockStore();
        foreach (var block in (await ReadAllAsync(SpecCarv1Basic)).Blocks)
        {
            await store.PutAsync(block);
        }

        return store;
    }

    public static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}

internal sealed record CarContent(IReadOnlyList<Cid> Roots, int Version, List<Block> Blocks);
