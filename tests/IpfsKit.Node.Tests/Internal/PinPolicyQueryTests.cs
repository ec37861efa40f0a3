using IpfsKit.Node.Internal;
using IpfsKit.Transports;
using Microsoft.AspNetCore.Http;

namespace IpfsKit.Node.Tests.Internal;

[Trait("Category", "Host")]
public sealed class PinPolicyQueryTests
{
    [Fact]
    public void Parse_ClusterNames_AllFieldsRead()
    {
        var options = PinPolicyQuery.Parse(Request("?arg=x&replication-min=1&replication-max=-1&name=cam&meta-site=lyon&meta-kind=raw&required-tags=ssd,eu&preferred-tags=fast"), PinMode.Direct);

        Assert.NotNull(options);
        Assert.Equal((PinMode.Direct, 1, -1, "cam"), (options.Mode, options.ReplicationMin, options.ReplicationMax, options.Name));
        Assert.Equal(new Dictionary<string, string> { ["site"] = "lyon", ["kind"] = "raw" }, options.Metadata);
        Assert.Equal(["eu", "ssd"], options.RequiredTags);
        Assert.Equal(["fast"], options.PreferredTags);
    }

    [Fact]
    public void Parse_NoPolicy_Null() => Assert.Null(PinPolicyQuery.Parse(Request("?arg=x&recursive=true"), PinMode.Recursive));

    [Theory]
    [InlineData("?replication-min=3&replication-max=2", "replication min 3 is above replication max 2")]
    [InlineData("?replication-max=two", "is not an integer (-1 for every member)")]
    [InlineData("?replication-min=0", "replication min 0 is out of range")]
    [InlineData("?required-tags=s%20sd", "tag \"s sd\" is not valid")]
    public void Parse_BadInput_BadRequestNamingIt(string query, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => PinPolicyQuery.Parse(Request(query), PinMode.Recursive));
        Assert.Equal(StatusCodes.Status400BadRequest, KuboErrorFilter.StatusOf(error));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static HttpRequest Request(string query) => new DefaultHttpContext { Request = { QueryString = new QueryString(query) } }.Request;
}
