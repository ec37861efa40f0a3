using IpfsKit.Content.Car;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content.Car;

public sealed partial class CarReaderTests
{
    // Header bodies (the bytes after the varint length, which the test adds). 65 "roots", 67 "version";
    // D82A is tag 42 and 46 000155000161 a byte string holding 0x00 and the identity CID of "a".
    [Theory]
    [InlineData("80", "the header is not a CBOR map (it is an array)")]
    [InlineData("f6", "the header is not a CBOR map (it is a simple value or float)")]
    [InlineData("a2 65726f6f7473 80 67 76657273696f6e 03", "version 3 is not supported (only CARv1)")]
    [InlineData("a1 67 76657273696f6e 02", "version 2 is not supported (only CARv1; version 2 marks a CARv2 file, whose inner CARv1 must be read instead)")]
    [InlineData("a1 67 76657273696f6e 01", "the header has no 'roots'")]
    [InlineData("a1 65726f6f7473 80", "the header has no 'version'")]
    [InlineData("a0", "the header has no 'version'")]
    [InlineData("a3 65726f6f7473 80 67 76657273696f6e 01 6178 01", "unexpected header key 'x' (a CARv1 header holds only 'roots' and 'version')")]
    [InlineData("a2 65726f6f7473 80 65 7665727369 01", "unexpected header key 'versi' (a CARv1 header holds only 'roots' and 'version')")]
    [InlineData("a3 65726f6f7473 80 65726f6f7473 80 67 76657273696f6e 01", "the header key 'roots' is repeated")]
    [InlineData("a2 01 80 67 76657273696f6e 01", "a header key is not a CBOR text string (it is an unsigned integer)")]
    [InlineData("a2 65726f6f7473 a0 67 76657273696f6e 01", "roots is not a CBOR array (it is a map)")]
    [InlineData("a2 65726f6f7473 81 46 000155000161 67 76657273696f6e 01", "root 0 is not a CBOR tag (it is a byte string)")]
    [InlineData("a2 65726f6f7473 81 d82b 46 000155000161 67 76657273696f6e 01", "root 0 has CBOR tag 43, not 42 (a CID)")]
    [InlineData("a2 65726f6f7473 81 d82a 45 0155000161 67 76657273696f6e 01", "root 0 does not start with 0x00, the prefix of a binary CID in dag-cbor")]
    [InlineData("a2 65726f6f7473 81 d82a 46 000355000161 67 76657273696f6e 01", "root 0 is not a valid CID: unsupported version 3")]
    [InlineData("a2 65726f6f7473 81 d82a 47 00015500016162 67 76657273696f6e 01", "root 0 is not a valid CID: 1 unexpected bytes after the multihash")]
    [InlineData("a2 65726f6f7473 80 67 76657273696f6e 6131", "version is not a CBOR unsigned integer (it is a text string)")]
    [InlineData("a2 65726f6f7473 80 67 76657273696f6e 1801", "version has the argument 1 in 1 bytes, not in its shortest form (dag-cbor requires it)")]
    [InlineData("bf 65726f6f7473 80 67 76657273696f6e 01 ff", "the header has an indefinite length or reserved additional information 31 (dag-cbor allows only definite lengths)")]
    [InlineData("a2 65726f6f7473 9b 0000000100000000", "roots claims 4294967296 entries but only 0 bytes follow")]
    [InlineData("a2 6a 726f6f", "the header ends inside a header key (3 of 10 bytes)")]
    [InlineData("a2 65726f6f7473 81 d8", "the header ends inside the head of root 0")]
    [InlineData("a2 65726f6f7473 80", "the header ends where a header key should start")]
    [InlineData("a2 65726f6f7473 80 67 76657273696f6e 01 00", "1 bytes follow the header map inside the header block")]
    public async Task OpenAsync_BadHeader_ThrowsNamingTheProblem(string headerHex, string reason)
    {
        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarReader.OpenAsync(new MemoryStream(CarTestData.WithLength(headerHex))));

        Assert.Equal("CAR", error.Subject);
        Assert.Equal(reason, error.Reason);
        Assert.NotNull(error.Offset);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the input is empty (a CAR starts with a header)", 0)]
    [InlineData("00", "the header has length 0", 0)]
    [InlineData("80", "the input ends inside the length of the header", 0)]
    [InlineData("0aa1", "the input ends inside the header (1 of 10 bytes)", 0)]
    [InlineData("ffffffffffffffffff01", "the length of the header is not a valid varint (longer than 9 bytes)", 0)]
    [InlineData("8000", "the length of the header is not a valid varint (not minimally encoded)", 0)]
    public async Task OpenAsync_BadHeaderFraming_ThrowsNamingTheProblem(string hex, string reason, long offset)
    {
        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarReader.OpenAsync(new MemoryStream(Convert.FromHexString(hex))));

        Assert.Equal("CAR", error.Subject);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public async Task OpenAsync_VersionNotOne_OffsetPointsAtTheVersionValue()
    {
        // varint(17) a2 65"roots" 80 67"version" 03: the value 03 is the last byte, at offset 17.
        var car = CarTestData.WithLength("a2 65726f6f7473 80 67 76657273696f6e 03");

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarReader.OpenAsync(new MemoryStream(car)));

        Assert.Equal(17, error.Offset);
    }

    [Fact]
    public async Task OpenAsync_HeaderOverMaxHeaderSize_ThrowsNamingLimit()
    {
        var options = new CarReaderOptions { MaxHeaderSize = 64 };

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarReader.OpenAsync(new MemoryStream(CarTestData.SpecCarv1Basic), options));

        Assert.Equal("CAR", error.Subject);
        Assert.Equal("the header is 99 bytes, more than MaxHeaderSize (64)", error.Reason);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public async Task OpenAsync_KeysInNonCanonicalOrder_Accepted()
    {
        var car = CarTestData.WithLength("a2 67 76657273696f6e 01 65726f6f7473 81 d82a 46 000155000161");

        await using var reader = await CarReader.OpenAsync(new MemoryStream(car));

        Assert.Equal(1, reader.Version);
        Assert.Equal(Convert.FromHexString("0155000161"), Assert.Single(reader.Roots).ToBytes());
    }
}
