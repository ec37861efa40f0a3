using IpfsKit.Errors;
using IpfsKit.Node.Internal;
using Microsoft.AspNetCore.Http;

namespace IpfsKit.Node.Tests.Internal;

[Trait("Category", "Host")]
public sealed class KuboErrorFilterTests
{
    public static TheoryData<Exception, int> Table => new()
    {
        { new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge), 413 },
        { new BadHttpRequestException("too slow", StatusCodes.Status408RequestTimeout), 408 },
        { new BadHttpRequestException("malformed"), 400 },
        { new ArgumentException("bad arg"), 400 },
        { new FormatException("bad"), 400 },
        { new IpfsKitFormatException("CID", "bad"), 400 },
        { new InvalidDataException("bad CAR"), 400 },
        { new IpfsKitCapacityException("disk tier", 10, 5), 507 },
        { new IpfsKitOutboxFullException(), 503 },
        { new IpfsKitBlockNotFoundException(), 500 }, // Kubo's answer for a well-formed CID it does not hold
        { new InvalidOperationException("bug"), 500 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void StatusOf_Exception_TheTablesStatus(Exception exception, int status) => Assert.Equal(status, KuboErrorFilter.StatusOf(exception));
}
