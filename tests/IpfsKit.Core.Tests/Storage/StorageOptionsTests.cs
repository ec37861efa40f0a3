using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class StorageOptionsTests
{
    [Fact]
    public void Defaults_AreStated()
    {
        var options = new StorageOptions();

        Assert.Null(options.Path);
        Assert.Equal(ByteSize.Parse("512M"), options.MaxMemory);
        Assert.Equal(ByteSize.Parse("10G"), options.MaxStorage);
        Assert.True(options.Fsync);
        options.Validate();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\0path")]
    public void Validate_UnusablePath_ThrowsNamingIt(string path)
    {
        var ex = Assert.Throws<ArgumentException>(() => new StorageOptions { Path = path }.Validate());
        Assert.Contains("StorageOptions.Path", ex.Message, StringComparison.Ordinal);
    }
}
