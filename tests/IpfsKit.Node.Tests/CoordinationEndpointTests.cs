using System.Net;
using System.Text;
using System.Text.Json;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Node.Tests;

/// <summary>The master's coordination endpoints on the real host process (role master, with a token).</summary>
[Trait("Category", "Host")]
[Trait("Category", "Roles")]
public sealed class CoordinationEndpointTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private HttpClient Client => fixture.Host.Client;

    [Theory]
    [InlineData("GET", "cluster/workers")]
    [InlineData("GET", "cluster/pins")]
    [InlineData("POST", "cluster/workers/join")]
    [InlineData("POST", "cluster/ops")]
    public async Task Coordination_WithoutToken_Answers401(string method, string path)
    {
        using var anonymous = new HttpClient { BaseAddress = Client.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Json("{}") : null };

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task JoinHeartbeatListLeave_Worker_FollowsTheContract()
    {
        var id = "worker-" + Guid.NewGuid().ToString("N");

        using var join = await PostAsync("cluster/workers/join", $$"""{"workerId":"{{id}}","apiUrl":"http://127.0.0.1:1/","capacityBytes":1000,"freeBytes":900,"zone":"zone-a"}""");
        using var reply = JsonDocument.Parse(await join.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, join.StatusCode);
        Assert.Equal(id, reply.RootElement.GetProperty("workerId").GetString());
        Assert.Equal(5000, reply.RootElement.GetProperty("heartbeatIntervalMs").GetInt64());
        Assert.Equal(3, reply.RootElement.GetProperty("missedHeartbeats").GetInt32());

        using var beat = await PostAsync("cluster/workers/heartbeat", $$"""{"workerId":"{{id}}","capacityBytes":1000,"freeBytes":800,"pinCount":2}""");
        using var info = JsonDocument.Parse(await beat.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        Assert.Equal(800, info.RootElement.GetProperty("freeBytes").GetInt64());
        Assert.Equal("Alive", info.RootElement.GetProperty("state").GetString());

        using var workers = JsonDocument.Parse(await Client.GetStringAsync(new Uri("cluster/workers", UriKind.Relative)));
        var listed = workers.RootElement.EnumerateArray().Single(w => w.GetProperty("workerId").GetString() == id);
        Assert.Equal("zone-a", listed.GetProperty("zone").GetString());

        using var leave = await PostAsync("cluster/workers/leave", $$"""{"workerId":"{{id}}"}""");
        Assert.Equal(HttpStatusCode.NoContent, leave.StatusCode);
        using var late = await PostAsync("cluster/workers/heartbeat", $$"""{"workerId":"{{id}}","capacityBytes":1000,"freeBytes":800,"pinCount":2}""");
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }

    [Fact]
    public async Task Operations_RepeatedKey_AppliedOnce()
    {
        var payload = Encoding.UTF8.GetBytes("forwarded add " + Guid.NewGuid());
        var expected = (await new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015).AddFileAsync(new MemoryStream(payload))).Cid.ToString();
        var body = $$"""{"idempotencyKey":"{{Guid.NewGuid()}}","sequence":1,"kind":"AddContent","mode":"Recursive","payload":"{{Convert.ToBase64String(payload)}}"}""";

        var replies = new List<(bool, string?)>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostAsync("cluster/ops", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            replies.Add((reply.RootElement.GetProperty("applied").GetBoolean(), reply.RootElement.GetProperty("cid").GetString()));
        }

        Assert.Equal([(true, expected), (false, expected), (false, expected)], replies);
        using var pins = JsonDocument.Parse(await Client.GetStringAsync(new Uri("cluster/pins", UriKind.Relative)));
        var pin = Assert.Single(pins.RootElement.EnumerateArray(), p => p.GetProperty("cid").GetString() == expected);
        Assert.Equal("forwarded", pin.GetProperty("source").GetString());
        Assert.Equal("Pending", pin.GetProperty("state").GetString()); // no worker alive to place it
        using var plan = await Client.GetAsync(new Uri($"cluster/pins/{expected}/plan", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, plan.StatusCode);
    }

    [Theory]
    [InlineData("""{"idempotencyKey":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","kind":"Pin","cid":"not-a-cid"}""", "CID")]
    [InlineData("""{"kind":"Pin","cid":"QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"}""", "idempotency key")]
    [InlineData("""{"idempotencyKey":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","kind":"Publish","payload":"AA=="}""", "topic")]
    [InlineData("""{"idempotencyKey":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","kind":"Teleport"}""", "ForwardedOperation")]
    [InlineData("""not json""", "ForwardedOperation")]
    public async Task Operations_MalformedOperation_Answers400NamingTheField(string body, string named)
    {
        using var response = await PostAsync("cluster/ops", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(named, error.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinPlan_NotACid_Answers400()
    {
        using var response = await Client.GetAsync(new Uri("cluster/pins/nope/plan", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) => Client.PostAsync(new Uri(path, UriKind.Relative), Json(json));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
