using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content;

public sealed class ContentPathTests
{
    private const string Hello = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";

    [Theory]
    [InlineData("/ipfs/" + Hello + "/a/b", "a,b")]
    [InlineData(Hello + "/a/b/", "a,b")]
    [InlineData(Hello, "")]
    [InlineData("/ipfs/" + Hello, "")]
    [InlineData(" /ipfs/" + Hello + "/dir with space/é.txt ", "dir with space,é.txt")]
    public void Parse_EveryForm_RootAndSegments(string text, string segments)
    {
        var path = ContentPath.Parse(text);

        Assert.Equal(Cid.Parse(Hello), path.Root);
        Assert.Equal(segments.Length == 0 ? [] : segments.Split(','), path.Segments);
        Assert.Equal(path, ContentPath.Parse(path.ToString()));
        Assert.True(ContentPath.TryParse(text, out var again));
        Assert.Equal(path.ToString(), again.ToString());
    }

    [Theory]
    [InlineData("", "names no CID")]
    [InlineData("/ipfs/", "names no CID")]
    [InlineData("/ipns/example.com/a", "namespace \"ipns\"")]
    [InlineData("/ipfs/notacid/a", "\"notacid\"")]
    [InlineData(Hello + "//b", "segment 1 is empty")]
    [InlineData(Hello + "/a/../b", "segment 2 is \"..\"")]
    public void Parse_BadPath_ThrowsFormatNamingThePart(string text, string named)
    {
        var error = Assert.Throws<IpfsKitFormatException>(() => ContentPath.Parse(text));

        Assert.Equal("IPFS path", error.Subject);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.False(ContentPath.TryParse(text, out _));
    }

    [Fact]
    public void ImplicitFromCid_NoSegments()
    {
        ContentPath path = Cid.Parse(Hello);

        Assert.Empty(path.Segments);
        Assert.Equal("/ipfs/" + Hello, path.ToString());
    }
}
