using System.ComponentModel;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Errors;
using IpfsKit.Storage;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("512M", 512L * 1024 * 1024)]
    [InlineData("4G", 4L * 1024 * 1024 * 1024)]
    [InlineData("500G", 500L * 1024 * 1024 * 1024)]
    [InlineData("1.5T", 3L * 512 * 1024 * 1024 * 1024)]
    [InlineData("64k", 65536)]
    [InlineData("64KB", 65536)]
    [InlineData("64KiB", 65536)]
    [InlineData("2 MiB", 2 * 1024 * 1024)]
    [InlineData("65536", 65536)]
    [InlineData("100B", 100)]
    [InlineData(" 0 ", 0)]
    [InlineData("1P", 1L << 50)]
    public void Parse_SeedForms_GivesBytes(string text, long bytes)
    {
        Assert.Equal(bytes, ByteSize.Parse(text).Bytes);
        Assert.True(ByteSize.TryParse(text, out var size));
        Assert.Equal(bytes, size.Bytes);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("M", "not a number")]
    [InlineData("-1G", "not a number")]
    [InlineData("1.5", "fraction of a byte")]
    [InlineData("1..5G", "not a number")]
    [InlineData("1iB", "'iB' without a unit")]
    [InlineData("12X", "not a number")]
    [InlineData("9999999P", "too large")]
    [InlineData("99999999999999999999999999999999", "too large")]
    public void Parse_Malformed_ThrowsNamingTheText(string text, string reason)
    {
        var ex = Assert.Throws<IpfsKitFormatException>(() => ByteSize.Parse(text));
        Assert.Equal("byte size", ex.Subject);
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
        Assert.False(ByteSize.TryParse(text, out _));
    }

    [Theory]
    [InlineData(512L * 1024 * 1024, "512M")]
    [InlineData(4L * 1024 * 1024 * 1024, "4G")]
    [InlineData(1000, "1000")]
    [InlineData(0, "0")]
    [InlineData(3072, "3K")]
    public void ToString_LargestExactUnit(long bytes, string text) => Assert.Equal(text, new ByteSize(bytes).ToString());

    [Property]
    public bool ToString_Parse_RoundTrips(NonNegativeInt mantissa, byte shift)
    {
        var bytes = (long)mantissa.Get << (shift % 30);
        return ByteSize.Parse(new ByteSize(bytes).ToString()).Bytes == bytes;
    }

    [Property]
    public Property Parse_RandomText_EndsTypedOrValue() =>
        Prop.ForAll(
            Gen.Elements("0123456789.kKmMgGtTpPbBi -xe+".ToCharArray()).ArrayOf().Select(c => new string(c)).ToArbitrary(),
            text => Fuzz.EndsTyped(() => ByteSize.Parse(text)));

    [Fact]
    public void Constructor_Negative_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new ByteSize(-1));

    [Fact]
    public void TypeConverter_BindsConfigurationText()
    {
        // Microsoft.Extensions.Configuration binds through the type's TypeConverter.
        var converter = TypeDescriptor.GetConverter(typeof(ByteSize));

        Assert.Equal(ByteSize.FromMebibytes(512), converter.ConvertFromInvariantString("512M"));
        Assert.Equal("4G", converter.ConvertToInvariantString(ByteSize.FromGibibytes(4)));
        Assert.Throws<IpfsKitFormatException>(() => converter.ConvertFrom(null, CultureInfo.InvariantCulture, "lots"));
    }

    [Fact]
    public void Comparisons_FollowBytes()
    {
        ByteSize small = 10;
        ByteSize large = ByteSize.FromMebibytes(1);

        ByteSize same = 10;

        Assert.True(small < large && large > small && small <= same && large >= small && !(small > same));
        Assert.Equal(-1, small.CompareTo(large));
        Assert.Equal(10L, (long)small);
    }
}
