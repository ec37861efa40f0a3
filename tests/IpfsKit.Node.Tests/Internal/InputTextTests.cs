using IpfsKit.Node.Internal;

namespace IpfsKit.Node.Tests.Internal;

[Trait("Category", "Host")]
public sealed class InputTextTests
{
    [Theory]
    [InlineData(null, "''")]
    [InlineData("", "''")]
    [InlineData("bafkqaaa", "'bafkqaaa'")]
    public void Quote_ShortInput_QuotedWhole(string? input, string expected) => Assert.Equal(expected, InputText.Quote(input));

    [Fact]
    public void Quote_LongInput_KeepsAPrefixAndSaysHowLong()
    {
        var quoted = InputText.Quote(new string('z', 100_000));

        Assert.Equal($"'{new string('z', InputText.MaxQuoted)}…' (100000 characters)", quoted);
    }

    [Fact]
    public void Quote_InputOfExactlyTheBound_NotCut() =>
        Assert.Equal($"'{new string('a', InputText.MaxQuoted)}'", InputText.Quote(new string('a', InputText.MaxQuoted)));

    [Theory]
    [InlineData("abc", "'abc…'")]
    [InlineData("", "'…'")]
    public void QuoteStart_MarksTheCut(string start, string expected) => Assert.Equal(expected, InputText.QuoteStart(start));
}
