using System.Text;
using System.Text.Json;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master;
using IpfsKit.Testing.Roles;
using IpfsKit.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Tests.Roles.Master;

/// <summary>The master's coordination calls as the host makes them: a body stream in, a status and the library's JSON out.</summary>
[Trait("Category", "Roles")]
public sealed class MasterEndpointsTests : IAsyncLifetime
{
    private EmbeddedMaster _master = null!;

    private MasterEndpoints Endpoints => _master.Services.GetRequiredService<MasterEndpoints>();

    public Task InitializeAsync()
    {
        _master = new EmbeddedMaster();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _master.DisposeAsync().AsTask();

    [Fact]
    public async Task JoinHeartbeatLeave_JsonBodies_AnswerTheWireJson()
    {
        var join = await Endpoints.JoinAsync(Body("""{"workerId":"w1","apiUrl":"http://127.0.0.1:1/","capacityBytes":1000,"freeBytes":900}"""));
        using var reply = await JsonAsync(join);
        var beat = await Endpoints.HeartbeatAsync(Body("""{"workerId":"w1","capacityBytes":1000,"freeBytes":800,"pinCount":0}"""));
        using var info = await JsonAsync(beat);
        var leave = await Endpoints.LeaveAsync(Body("""{"workerId":"w1"}"""));
        using var workers = await JsonAsync(await Endpoints.ListWorkersAsync());

        Assert.Equal((200, "application/json; charset=utf-8", "w1"), (join.StatusCode, join.ContentType, reply.RootElement.GetProperty("workerId").GetString()));
        Assert.True(reply.RootElement.GetProperty("heartbeatIntervalMs").GetInt64() > 0);
        Assert.Equal((800L, "Alive"), (info.RootElement.GetProperty("freeBytes").GetInt64(), info.RootElement.GetProperty("state").GetString()));
        Assert.Equal((204, false, null), (leave.StatusCode, leave.HasBody, leave.ErrorMessage));
        Assert.Equal("Left", Assert.Single(workers.RootElement.EnumerateArray()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task HeartbeatAndPlan_Unknown_Answer404WithAMessageAndNoBody()
    {
        var beat = await Endpoints.HeartbeatAsync(Body("""{"workerId":"ghost","capacityBytes":1,"freeBytes":1,"pinCount":0}"""));
        var plan = await Endpoints.GetPlanAsync(Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"));

        Assert.Equal((404, false, "worker 'ghost' is not known as alive: join again"), (beat.StatusCode, beat.HasBody, beat.ErrorMessage));
        Assert.Equal((404, false), (plan.StatusCode, plan.HasBody));
        Assert.Contains("has no plan in force", plan.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_ForwardedPinTwice_AppliedOnceAndListed()
    {
        var cid = (await _master.Services.GetRequiredService<IIpfsKit>().AddTextAsync("forwarded through the endpoints", AddOptions.Default with { Pin = false })).Cid;
        var body = $$"""{"idempotencyKey":"{{Guid.NewGuid()}}","sequence":1,"kind":"Pin","cid":"{{cid}}","mode":"Recursive"}""";

        using var first = await JsonAsync(await Endpoints.ApplyAsync(Body(body)));
        using var again = await JsonAsync(await Endpoints.ApplyAsync(Body(body)));
        using var pins = await JsonAsync(await Endpoints.ListPinsAsync());

        Assert.Equal((true, false), (first.RootElement.GetProperty("applied").GetBoolean(), again.RootElement.GetProperty("applied").GetBoolean()));
        Assert.Contains(pins.RootElement.EnumerateArray(), p => p.GetProperty("cid").GetString() == cid.ToString() && p.GetProperty("source").GetString() == MasterNode.ForwardedSource);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"idempotencyKey":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","kind":"Teleport"}""")]
    public async Task ApplyAsync_MalformedBody_ThrowsArgumentExceptionNamingTheRecord(string body)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Endpoints.ApplyAsync(Body(body)));

        Assert.Contains("not a valid ForwardedOperation", error.Message, StringComparison.Ordinal);
    }

    private static MemoryStream Body(string json) => new(Encoding.UTF8.GetBytes(json));

    private static async Task<JsonDocument> JsonAsync(CoordinationAnswer answer)
    {
        Assert.True(answer.HasBody, answer.ErrorMessage);
        using var body = new MemoryStream();
        await answer.WriteBodyAsync(body);
        return JsonDocument.Parse(body.ToArray());
    }
}
