using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class ByteSizeJsonTests
{
    private sealed record Budget(ByteSize Memory);

    [Fact]
    public void Write_IsTheSizeText()
    {
        Assert.Equal("""{"Memory":"512M"}""", JsonSerializer.Serialize(new Budget(ByteSize.Parse("512M"))));
    }

    [Theory]
    [InlineData("""{"Memory":"4G"}""", 4L << 30)]
    [InlineData("""{"Memory":65536}""", 65536)]
    [InlineData("""{"Memory":"1.5K"}""", 1536)]
    public void Read_TextOrNumber(string json, long bytes) =>
        Assert.Equal(bytes, JsonSerializer.Deserialize<Budget>(json)!.Memory.Bytes);

    [Theory]
    [InlineData("""{"Memory":-1}""")]
    [InlineData("""{"Memory":1.5}""")]
    [InlineData("""{"Memory":"12Q"}""")]
    [InlineData("""{"Memory":true}""")]
    public void Read_NotASize_IsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Budget>(json));

    [Property]
    public Property RoundTrips() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(i => new ByteSize((long)i << (i % 20))).ToArbitrary(), size =>
            JsonSerializer.Deserialize<ByteSize>(JsonSerializer.Serialize(size)) == size);
}
