using System.Net;
using System.Text.Json;
using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Node.Tests;

/// <content>pin/update as the connector sends it, and arguments the host refuses.</content>
public sealed partial class IpfsClusterConnectorTests
{
    [Fact]
    public async Task PinUpdate_FromARecursivePin_PinsToAndUnpinsFromOnlyWhenAsked()
    {
        var blocks = Enumerable.Range(0, 3).Select(i => Block.Create(System.Text.Encoding.UTF8.GetBytes($"pin update {i}"), Multicodec.Raw, 1)).ToList();
        var (first, second, third) = (blocks[0].Cid.ToString(), blocks[1].Cid.ToString(), blocks[2].Cid.ToString());
        Assert.Equal(3, Lines((await PostAsync("block/put?cid-codec=raw&mhtype=sha2-256&mhlen=32&pin=false", BlockStream(blocks))).Body).Count);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"pin/add?arg={first}&recursive=true")).Status);

        var kept = await PostAsync($"pin/update?arg={first}&arg={second}&unpin=false"); // the connector's pinUpdate
        var moved = await PostAsync($"pin/update?arg={second}&arg={third}"); // Kubo's default: unpin=true
        var notPinned = await PostAsync($"pin/update?arg={second}&arg={first}");
        var oneArgument = await PostAsync($"pin/update?arg={first}");

        using (var answer = JsonDocument.Parse(kept.Body))
        {
            Assert.Equal([first, second], answer.RootElement.GetProperty("Pins").EnumerateArray().Select(p => p.GetString()));
        }

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        var recursive = Lines((await PostAsync("pin/ls?stream=true&type=recursive")).Body).Select(p => p.GetProperty("Cid").GetString()).ToHashSet();
        Assert.Contains(first, recursive);
        Assert.DoesNotContain(second, recursive);
        Assert.Contains(third, recursive);
        Assert.Equal(HttpStatusCode.InternalServerError, notPinned.Status);
        Assert.Equal("'from' cid was not recursively pinned already", Message(notPinned.Body));
        Assert.Equal(HttpStatusCode.BadRequest, oneArgument.Status);
    }

    [Theory]
    [InlineData("block/put?cid-codec=raw&mhtype=sha2-256&mhlen=20", "mhlen")]
    [InlineData("pin/ls?stream=true&type=sideways", "sideways")]
    [InlineData("pin/add?arg=bafkqaaa&progress=maybe", "progress")]
    [InlineData("resolve?arg=%2Fipns%2Fexample.com", "ipns")]
    [InlineData("repo/stat?size-only=yes", "size-only")]
    public async Task ConnectorCalls_MalformedArgument_Answer400NamingIt(string pathAndQuery, string named)
    {
        var answer = await PostAsync(pathAndQuery, pathAndQuery.StartsWith("block/put", StringComparison.Ordinal) ? BlockStream([Block.Create(new byte[] { 1, 2, 3 }, Multicodec.Raw, 1)]) : null);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(named, Message(answer.Body), StringComparison.OrdinalIgnoreCase);
    }
}
