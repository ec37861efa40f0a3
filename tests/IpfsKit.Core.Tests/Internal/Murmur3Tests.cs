using IpfsKit.Content.Internal;

namespace IpfsKit.Tests.Internal;

public sealed class Murmur3Tests
{
    // Expected digests computed with @multiformats/murmur3 2.2.8 (murmur3-x64-128, seed 0) from the js-ipfs peer's
    // node_modules; HAMT directories use the first 8 bytes.
    [Theory]
    [InlineData("", "00000000000000000000000000000000")]
    [InlineData("hello", "cbd8a7b341bd9b025b1e906a48ae1d19")]
    [InlineData("a", "85555565f6597889e6b53a48510e895a")]
    [InlineData("file-00001.txt", "f713ed954b320baae4cdcc3750664bab")]
    [InlineData("0123456789abcdef0", "eb24ae8785a5c07573fb68b3313128ca")]
    [InlineData("0123456789abcdef01234", "ef9548b763a768d9ca7494d338ca3dd1")]
    public void Hash128_KnownInputs_MatchReference(string input, string expectedHex)
    {
        var (h1, h2) = Murmur3.Hash128(System.Text.Encoding.UTF8.GetBytes(input));

        Assert.Equal(expectedHex, $"{h1:x16}{h2:x16}");
    }
}
