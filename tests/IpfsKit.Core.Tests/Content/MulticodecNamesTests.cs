using IpfsKit.Content;

namespace IpfsKit.Tests.Content;

public sealed class MulticodecNamesTests
{
    [Theory]
    [InlineData("raw")]
    [InlineData("dag-pb")]
    [InlineData("dag-cbor")]
    [InlineData("dag-json")]
    [InlineData("cbor")]
    [InlineData("json")]
    [InlineData("libp2p-key")]
    public void IsContentCodec_IpldTaggedCodec_True(string name)
    {
        Assert.True(MulticodecNames.TryGetCode(name, out var code));

        Assert.True(MulticodecNames.IsContentCodec(code));
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("sha2-256")]
    [InlineData("sha2-512")]
    [InlineData("murmur3-x64-64")]
    public void IsContentCodec_HashFunction_False(string name)
    {
        Assert.True(MulticodecNames.TryGetCode(name, out var code));

        Assert.False(MulticodecNames.IsContentCodec(code));
    }

    [Fact]
    public void IsContentCodec_UnknownCode_False() => Assert.False(MulticodecNames.IsContentCodec((Multicodec)0x300001));
}
