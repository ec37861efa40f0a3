using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Blocks;

public sealed class BlockTests
{
    // /work/shared/vectors/README.md: "hello world\n" as a CIDv1 raw leaf.
    private const string HelloRaw = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";

    [Fact]
    public void Create_Defaults_RawCidV1Sha256()
    {
        var data = "hello world\n"u8.ToArray();
        var block = Block.Create(data);

        Assert.Equal(HelloRaw, block.Cid.ToString());
        Assert.Equal(12, block.Size);
        Assert.True(block.Data.Span == data.AsSpan()); // kept, not copied
        Assert.Equal(HelloRaw + " (12 bytes)", block.ToString());
    }

    [Fact]
    public void Create_DagPbVersion0_KuboEmptyDirectory()
    {
        var block = Block.Create(new byte[] { 0x0A, 0x02, 0x08, 0x01 }, Multicodec.DagPb, version: 0);

        Assert.Equal("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn", block.Cid.ToString());
    }

    [Theory]
    [InlineData(Multicodec.Sha512)]
    [InlineData(Multicodec.Identity)]
    public void Create_OtherHashFunctions_VerifyAgain(Multicodec hash)
    {
        var block = Block.Create("abc"u8.ToArray(), Multicodec.DagCbor, 1, hash);

        Assert.Equal(hash, block.Cid.HashCode);
        Assert.Equal(Multicodec.DagCbor, block.Cid.Codec);
        Assert.Equal(block.Cid, Block.CreateVerified(block.Cid, "abc"u8.ToArray()).Cid);
    }

    [Fact]
    public void Create_Version0NotDagPb_ThrowsArgument() =>
        Assert.Throws<ArgumentException>(() => Block.Create("x"u8.ToArray(), Multicodec.Raw, version: 0));

    [Fact]
    public void CreateVerified_MatchingBytes_Block()
    {
        var cid = Cid.Parse(HelloRaw);
        var block = Block.CreateVerified(cid, "hello world\n"u8.ToArray());

        Assert.Equal(cid, block.Cid);
        Assert.Equal(12, block.Size);
    }

    [Fact]
    public void CreateVerified_V0_MatchesDagPbBytes()
    {
        var cid = Cid.Parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");

        Assert.Equal(cid, Block.CreateVerified(cid, new byte[] { 0x0A, 0x04, 0x08, 0x02, 0x18, 0x00 }).Cid);
    }

    [Fact]
    public void CreateVerified_OtherBytes_ThrowsIntegrityNamingCid()
    {
        var cid = Cid.Parse(HelloRaw);

        var error = Assert.Throws<IpfsKitIntegrityException>(() => Block.CreateVerified(cid, "hello world!"u8.ToArray()));

        Assert.Equal(cid, error.Cid);
        Assert.Contains(HelloRaw, error.Message, StringComparison.Ordinal);
        Assert.Contains("sha2-256", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IpfsKitException>(error);
    }

    [Fact]
    public void CreateVerified_TruncatedSha256Cid_ChecksThePrefix()
    {
        var digest = Multihash.Sha256("abc"u8).Digest.Span[..20];
        var cid = Cid.CreateV1(Multicodec.Raw, Multihash.FromBytes([0x12, 20, .. digest]));

        Assert.Equal(cid, Block.CreateVerified(cid, "abc"u8.ToArray()).Cid);
        Assert.Throws<IpfsKitIntegrityException>(() => Block.CreateVerified(cid, "abd"u8.ToArray()));
    }

    [Fact]
    public void CreateVerified_EmptyCid_ThrowsArgument() =>
        Assert.Throws<ArgumentException>(() => Block.CreateVerified(default, "x"u8.ToArray()));

    [Fact]
    public void CreateVerified_UnsupportedHash_ThrowsIntegrityNamingTheFunction()
    {
        var cid = Cid.CreateV1(Multicodec.Raw, Multihash.FromBytes([0x22, 0x08, 1, 2, 3, 4, 5, 6, 7, 8]));

        var ex = Assert.Throws<IpfsKitIntegrityException>(() => Block.CreateVerified(cid, "x"u8.ToArray()));
        Assert.Equal(cid, ex.Cid);
        Assert.Contains("murmur3", ex.Message, StringComparison.Ordinal);
    }

    [Property]
    public Property CreateVerified_OwnCid_Accepted() =>
        Prop.ForAll(BlockGen.ToArbitrary(), block => Block.CreateVerified(block.Cid, block.Data).Cid == block.Cid);

    [Property]
    public Property CreateVerified_ChangedBytes_ThrowsIntegrity() =>
        Prop.ForAll(ChangedBlockGen.ToArbitrary(), pair =>
        {
            var (block, changed) = pair;
            if (changed.AsSpan().SequenceEqual(block.Data.Span))
            {
                return true;
            }

            var error = Assert.Throws<IpfsKitIntegrityException>(() => Block.CreateVerified(block.Cid, changed));
            return error.Cid == block.Cid;
        });

    private static Gen<(Block Block, byte[] Changed)> ChangedBlockGen =>
        from block in BlockGen
        from changed in ContentGen.Mutated(Gen.Constant(block.Data.ToArray()))
        select (block, changed);

    internal static Gen<Block> BlockGen =>
        from data in ContentGen.Bytes(200)
        from kind in Gen.Choose(0, 3)
        select kind switch
        {
            0 => Block.Create(data, Multicodec.DagPb, version: 0),
            1 => Block.Create(data, Multicodec.DagCbor, 1, Multicodec.Sha512),
            2 => Block.Create(data, Multicodec.Raw, 1, Multicodec.Identity),
            _ => Block.Create(data),
        };
}
