using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Node.Internal;

namespace IpfsKit.Node.Tests.Internal;

[Trait("Category", "Host")]
public sealed class CidArgumentTests
{
    private const string Hello = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";

    [Theory]
    [InlineData(Hello)]
    [InlineData("/ipfs/" + Hello)]
    [InlineData("/ipfs/" + Hello + "/")]
    public void Parse_BareOrIpfsPath_TheCid(string arg) => Assert.Equal(Cid.Parse(Hello), CidArgument.Parse(arg));

    [Fact]
    public void Parse_IdentityDigestOf128Bytes_Accepted()
    {
        var cid = Cid.CreateV1(Multicodec.Raw, Multihash.Compute(Multicodec.Identity, new byte[CidArgument.MaxIdentityDigestLength]));

        Assert.Equal(cid, CidArgument.Parse(cid.ToString()));
    }

    [Fact]
    public void Parse_IdentityDigestOf129Bytes_ThrowsFormatError()
    {
        var cid = Cid.CreateV1(Multicodec.Raw, Multihash.Compute(Multicodec.Identity, new byte[CidArgument.MaxIdentityDigestLength + 1]));

        var e = Assert.Throws<IpfsKitFormatException>(() => CidArgument.Parse(cid.ToString()));

        Assert.Equal("multihash", e.Subject);
        Assert.Contains("129", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HugeGarbage_ShortMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => CidArgument.Parse(new string('z', 100_000)));

        Assert.InRange(e.Message.Length, 1, 200);
    }

    [Fact]
    public void CheckIdentity_OtherHashFunctions_NotLimited() => CidArgument.CheckIdentity(Multicodec.Sha512, 4096);
}
