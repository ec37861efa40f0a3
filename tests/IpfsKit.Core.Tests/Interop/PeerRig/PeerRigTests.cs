using System.Security.Cryptography;
using System.Text;
using IpfsKit.Testing.PeerRig;

namespace IpfsKit.Tests.Interop.PeerRig;

/// <summary>Smoke tests of the rig itself, independent of IpfsKit.Core: the peer runs and the client speaks its API.</summary>
[Collection("IpfsPeer")]
[Trait("Category", "Interop")]
public sealed class PeerRigTests(IpfsPeerFixture fixture)
{
    [Fact]
    public async Task Id_RunningPeer_AnswersWithPeerId() =>
        Assert.False(string.IsNullOrEmpty(await fixture.Peer.IdAsync()));

    [Fact]
    public async Task Add_HelloWorld_KnownCid()
    {
        var result = await fixture.Peer.AddAsync(new MemoryStream(Encoding.ASCII.GetBytes("hello world\n")), "hello.txt");

        Assert.Equal("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", result.Hash);
    }

    [Fact]
    public async Task AddThenCat_SeveralChunks_SameBytes()
    {
        var bytes = RandomNumberGenerator.GetBytes(600_000);

        var added = await fixture.Peer.AddAsync(new MemoryStream(bytes), "chunks.bin");

        Assert.Equal(bytes, await fixture.Peer.CatAsync(added.Hash));
    }

    [Fact]
    public async Task BlockPutThenGet_RawBlock_SameBytes()
    {
        var bytes = Encoding.ASCII.GetBytes("a raw block for the rig " + Guid.NewGuid());

        var cid = await fixture.Peer.BlockPutAsync(bytes, "raw", 1);

        Assert.Equal(bytes, await fixture.Peer.BlockGetAsync(cid));
    }

    [Fact]
    public async Task DagImport_CarWithOneRawBlock_ReportsRootAndPinsIt()
    {
        var data = Encoding.ASCII.GetBytes("a CAR block for the rig " + Guid.NewGuid());
        byte[] cid = [0x01, 0x55, 0x12, 0x20, .. SHA256.HashData(data)]; // CIDv1, raw, sha2-256
        var expected = "b" + Base32(cid);

        var roots = await fixture.Peer.DagImportAsync(new MemoryStream(CarV1(cid, data)));

        Assert.Equal([expected], roots);
        Assert.Equal(data, await fixture.Peer.BlockGetAsync(expected));
        Assert.Equal("recursive", Assert.Single(await fixture.Peer.PinLsAsync(expected)).Value);
    }

    [Fact]
    public async Task Cat_NotACid_ThrowsWithStatusAndPeerMessage()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Peer.CatAsync("not-a-cid"));

        Assert.NotNull(error.StatusCode);
        Assert.DoesNotContain("\"Message\"", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A CAR v1: varint-framed dag-cbor header <c>{roots: [cid], version: 1}</c>, then one varint-framed cid+data section.</summary>
    private static byte[] CarV1(byte[] cid, byte[] data)
    {
        var header = new List<byte> { 0xA2, 0x65 }; // map(2), text(5)
        header.AddRange("roots"u8.ToArray());
        header.AddRange([0x81, 0xD8, 0x2A, 0x58, (byte)(cid.Length + 1), 0x00]); // array(1), tag 42, bytes(n), identity multibase prefix
        header.AddRange(cid);
        header.Add(0x67); // text(7)
        header.AddRange("version"u8.ToArray());
        header.Add(0x01);

        var car = new List<byte>();
        car.AddRange(Varint(header.Count));
        car.AddRange(header);
        car.AddRange(Varint(cid.Length + data.Length));
        car.AddRange(cid);
        car.AddRange(data);
        return [.. car];
    }

    private static List<byte> Varint(int value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7)
        {
            bytes.Add((byte)(value | 0x80));
        }

        bytes.Add((byte)value);
        return bytes;
    }

    /// <summary>RFC 4648 base32, lower case, no padding (the multibase 'b' alphabet).</summary>
    private static string Base32(byte[] bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var text = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            for (bits += 8; bits >= 5; bits -= 5)
            {
                text.Append(alphabet[(buffer >> (bits - 5)) & 31]);
            }
        }

        if (bits > 0)
        {
            text.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}
