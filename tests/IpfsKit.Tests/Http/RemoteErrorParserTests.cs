using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.IpfsCluster.Internal;
using IpfsKit.Roles.Coordination.Internal;
using IpfsKit.Transports.KuboRpc.Internal;

namespace IpfsKit.Tests.Http;

/// <summary>
/// Each remote's error-body parser: the codes of its table (Kubo's known messages; the status for the others), the
/// message it keeps, and that no body, however broken, makes one throw.
/// </summary>
[Trait("Category", "Transport")]
public sealed class RemoteErrorParserTests
{
    private static readonly IRemoteErrorParser[] Parsers =
        [KuboErrorParser.Instance, IpfsClusterErrorParser.Instance, TextErrorParser.Instance, MasterErrorParser.Instance];

    [Theory]
    [InlineData("""{"Message":"not pinned or pinned indirectly","Code":0,"Type":"error"}""", RemoteErrorCode.NotPinned, "not pinned or pinned indirectly")]
    [InlineData("""{"Message":"'from' cid was not recursively pinned already","Code":0,"Type":"error"}""", RemoteErrorCode.NotPinned, "'from' cid was not recursively pinned already")]
    [InlineData("""{"Message":"path 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o' is not pinned","Code":0,"Type":"error"}""", RemoteErrorCode.NotPinned, "path 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o' is not pinned")]
    [InlineData("""{"Message":"PublishError.InsufficientPeers","Code":0,"Type":"error"}""", RemoteErrorCode.InsufficientPeers, "PublishError.InsufficientPeers")]
    [InlineData("""{"Message":"block was not found locally (offline): ipld: could not find bafkqaaa","Code":0,"Type":"error"}""", RemoteErrorCode.NotFound, "block was not found locally (offline): ipld: could not find bafkqaaa")]
    [InlineData("""{"Message":"merkledag: not found","Code":0,"Type":"error"}""", RemoteErrorCode.NotFound, "merkledag: not found")]
    [InlineData("""{"Message":"disk full","Code":0,"Type":"error"}""", RemoteErrorCode.Unknown, "disk full")]
    [InlineData("502 Bad Gateway from the proxy", RemoteErrorCode.Unknown, "502 Bad Gateway from the proxy")]
    [InlineData("", RemoteErrorCode.Unknown, "(empty body)")]
    public void Kubo_KnownMessages_MapToTheirCodes(string body, RemoteErrorCode code, string message)
    {
        var error = KuboErrorParser.Instance.Parse(HttpStatusCode.InternalServerError, body, "Internal Server Error");

        Assert.Equal((code, message), (error.Code, error.Message));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, """{"code":404,"message":"cid not found in the global state"}""", RemoteErrorCode.NotFound, "cid not found in the global state", "404")]
    [InlineData(HttpStatusCode.Unauthorized, "", RemoteErrorCode.Unauthorized, "Unauthorized", null)]
    [InlineData(HttpStatusCode.Forbidden, "forbidden\n", RemoteErrorCode.Unauthorized, "forbidden", null)]
    [InlineData(HttpStatusCode.InternalServerError, """{"code":500,"message":"pin tracker: context canceled"}""", RemoteErrorCode.Unknown, "pin tracker: context canceled", "500")]
    [InlineData(HttpStatusCode.NotFound, "404 page not found", RemoteErrorCode.NotFound, "404 page not found", null)]
    public void Cluster_ErrorJsonOrText_CodeFollowsTheStatus(HttpStatusCode status, string body, RemoteErrorCode code, string message, string? remoteCode)
    {
        var error = IpfsClusterErrorParser.Instance.Parse(status, body, status.ToString());

        Assert.Equal((code, message, remoteCode), (error.Code, error.Message, error.RemoteCode));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "no link named \"x\" under bafy\n", RemoteErrorCode.NotFound, "no link named \"x\" under bafy")]
    [InlineData(HttpStatusCode.BadGateway, "  ", RemoteErrorCode.Unknown, "Bad Gateway")]
    [InlineData(HttpStatusCode.Forbidden, "denied", RemoteErrorCode.Unauthorized, "denied")]
    public void Gateway_Text_CodeFollowsTheStatus(HttpStatusCode status, string body, RemoteErrorCode code, string message)
    {
        var error = TextErrorParser.Instance.Parse(status, body, status == HttpStatusCode.BadGateway ? "Bad Gateway" : null);

        Assert.Equal((code, message), (error.Code, error.Message));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, """{"Message":"worker \"w\" is not known","Code":0,"Type":"error"}""", RemoteErrorCode.NotFound, "worker \"w\" is not known", "error")]
    [InlineData(HttpStatusCode.BadRequest, """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Bad Request","status":400,"detail":"the body is not JSON"}""", RemoteErrorCode.Unknown, "the body is not JSON", "problem")]
    [InlineData(HttpStatusCode.Unauthorized, """{"title":"Unauthorized","status":401}""", RemoteErrorCode.Unauthorized, "Unauthorized", "problem")]
    [InlineData(HttpStatusCode.Conflict, """{"Message":"the master does not hold the content","Code":0,"Type":"error"}""", RemoteErrorCode.Unknown, "the master does not hold the content", "error")]
    public void Master_KuboOrProblemJson_MessageAndCode(HttpStatusCode status, string body, RemoteErrorCode code, string message, string remoteCode)
    {
        var error = MasterErrorParser.Instance.Parse(status, body, null);

        Assert.Equal((code, message, remoteCode), (error.Code, error.Message, error.RemoteCode));
    }

    [Property(MaxTest = 300)]
    public Property EveryParser_RandomBytes_TypedResultNeverThrows() =>
        Prop.ForAll(
            Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).ToArbitrary(),
            Gen.Elements(HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway).ToArbitrary(),
            (bytes, status) => AllTyped(status, Encoding.UTF8.GetString(bytes)));

    [Property(MaxTest = 300)]
    public Property EveryParser_RandomJsonShapes_TypedResultNeverThrows() =>
        Prop.ForAll(JsonLike().ToArbitrary(), json => AllTyped(HttpStatusCode.InternalServerError, json).Classify(json.StartsWith('{'), "object"));

    /// <summary>Every parser gives a non-empty message and a defined code for the body.</summary>
    private static bool AllTyped(HttpStatusCode status, string body) =>
        Parsers.Select(p => p.Parse(status, body, null)).All(e => e.Message.Length > 0 && Enum.IsDefined(e.Code));

    /// <summary>JSON-like text: objects with the fields the parsers look for, holding values of any JSON type, sometimes cut short.</summary>
    private static Gen<string> JsonLike()
    {
        var names = Gen.Elements("Message", "message", "Code", "code", "Type", "title", "detail", "status", "x");
        var values = Gen.OneOf(
            Gen.Elements("null", "true", "0", "-1", "1e999", "404", "\"\"", "\"not pinned\"", "\"InsufficientPeers\"", "[]", "{}", "[1,{\"a\":2}]", "\"\\u00e9\\ud800\""),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => System.Text.Json.JsonSerializer.Serialize(s)));
        var member = names.SelectMany(n => values.Select(v => $"\"{n}\":{v}"));
        var obj = Gen.ListOf(member).Select(m => "{" + string.Join(",", m) + "}");
        return obj.SelectMany(o => Gen.Choose(0, o.Length).Select(cut => cut % 4 == 0 ? o[..cut] : o));
    }
}
