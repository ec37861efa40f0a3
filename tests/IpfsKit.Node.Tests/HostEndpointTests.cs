using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Node.Tests;

/// <summary>The real host process (its build output, on a loopback port, with a token) driven over HTTP.</summary>
[Trait("Category", "Host")]
public sealed class HostEndpointTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private HttpClient Client => fixture.Host.Client;

    [Theory]
    [InlineData("health")]
    [InlineData("ready")]
    public async Task HealthAndReady_WithoutToken_Answer200(string path)
    {
        using var anonymous = new HttpClient { BaseAddress = Client.BaseAddress };

        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_ReportsStorageAndTransport()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync(new Uri("health", UriKind.Relative)));

        Assert.Equal("healthy", document.RootElement.GetProperty("status").GetString());
        var components = document.RootElement.GetProperty("components");
        Assert.Equal("healthy", components.GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("healthy", components.GetProperty("transport").GetProperty("status").GetString());
        Assert.Equal("healthy", components.GetProperty("masterLink").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("POST", "api/v0/id", null)]
    [InlineData("POST", "api/v0/pin/ls", null)]
    [InlineData("GET", "metrics", null)]
    [InlineData("POST", "api/v0/id", "wrong-token")]
    [InlineData("GET", "metrics", "Bearer")]
    public async Task ProtectedEndpoint_WithoutValidToken_Answers401(string method, string path, string? token)
    {
        using var anonymous = new HttpClient { BaseAddress = Client.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", error.RootElement.GetProperty("Type").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(1024 * 1024 + 17)]
    public async Task AddThenCat_ReturnsSameBytes_AndTheImportersCid(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var expected = await new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015).AddFileAsync(new MemoryStream(data));

        var (name, hash) = await AddAsync(data, "data.bin");
        using var cat = await Client.PostAsync(new Uri($"api/v0/cat?arg={hash}", UriKind.Relative), null);

        Assert.Equal("data.bin", name);
        Assert.Equal(expected.Cid.ToString(), hash);
        Assert.Equal(HttpStatusCode.OK, cat.StatusCode);
        Assert.Equal(data, await cat.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("cid-version=1")]
    [InlineData("cid-version=1&raw-leaves=false")]
    [InlineData("raw-leaves=true&chunker=size-1000")]
    [InlineData("trickle=true&chunker=size-512")]
    public async Task Add_WithKuboImportArguments_MatchesTheImporter(string query)
    {
        var data = new byte[200_000];
        new Random(7).NextBytes(data);
        var q = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var options = ImportOptions.UnixFsV0Of2015 with
        {
            CidVersion = q.TryGetValue("cid-version", out var v) ? int.Parse(v!, System.Globalization.CultureInfo.InvariantCulture) : 0,
            RawLeaves = q.TryGetValue("raw-leaves", out var r) ? bool.Parse(r!) : null,
            ChunkSize = q.TryGetValue("chunker", out var c) ? int.Parse(c.ToString()[5..], System.Globalization.CultureInfo.InvariantCulture) : 262_144,
            Layout = q.ContainsKey("trickle") ? DagLayout.Trickle : DagLayout.Balanced,
        };
        var expected = await new UnixFsImporter(null, options).AddFileAsync(new MemoryStream(data));

        var (_, hash) = await AddAsync(data, "options.bin", query);
        using var cat = await Client.PostAsync(new Uri($"api/v0/cat?arg={hash}", UriKind.Relative), null);

        Assert.Equal(expected.Cid.ToString(), hash);
        Assert.Equal(data, await cat.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("cid-version=2")]
    [InlineData("chunker=rabin")]
    [InlineData("raw-leaves=maybe")]
    public async Task Add_WithBadImportArgument_Answers400(string query)
    {
        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent([1, 2, 3]);
        form.Add(file, "file", "x.bin");

        using var response = await Client.PostAsync(new Uri("api/v0/add?" + query, UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Cat_WithOffsetAndLength_ReturnsTheRange()
    {
        var data = new byte[300_000];
        new Random(3).NextBytes(data);
        var (_, hash) = await AddAsync(data, "range.bin");

        using var cat = await Client.PostAsync(new Uri($"api/v0/cat?arg=/ipfs/{hash}&offset=262000&length=5000", UriKind.Relative), null);

        Assert.Equal(data.AsSpan(262_000, 5000).ToArray(), await cat.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PinLs_ListsTheAddedCid_AndBlockGetReturnsItsBlock()
    {
        var (_, hash) = await AddAsync("pinned by the host"u8.ToArray(), "pin.txt");

        using var pins = JsonDocument.Parse(await PostStringAsync("api/v0/pin/ls"));
        using var one = JsonDocument.Parse(await PostStringAsync($"api/v0/pin/ls?arg={hash}&type=recursive"));
        using var block = await Client.PostAsync(new Uri($"api/v0/block/get?arg={hash}", UriKind.Relative), null);

        Assert.Equal("recursive", pins.RootElement.GetProperty("Keys").GetProperty(hash).GetProperty("Type").GetString());
        Assert.True(one.RootElement.GetProperty("Keys").TryGetProperty(hash, out _));
        Assert.Equal(HttpStatusCode.OK, block.StatusCode);
        Assert.NotEmpty(await block.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PinAdd_OfAStoredCid_AnswersPins()
    {
        var (_, hash) = await AddAsync("pin me again"u8.ToArray(), "again.txt");

        using var pinned = JsonDocument.Parse(await PostStringAsync($"api/v0/pin/add?arg={hash}&recursive=true"));

        Assert.Equal(hash, pinned.RootElement.GetProperty("Pins")[0].GetString());
    }

    [Fact]
    public async Task IdAndRepoStat_AnswerKuboShapedJson()
    {
        using var id = JsonDocument.Parse(await PostStringAsync("api/v0/id"));
        using var stat = JsonDocument.Parse(await PostStringAsync("api/v0/repo/stat"));

        Assert.False(string.IsNullOrEmpty(id.RootElement.GetProperty("ID").GetString()));
        Assert.True(stat.RootElement.GetProperty("StorageMax").GetInt64() > 0);
        Assert.Equal(fixture.Host.DataPath, stat.RootElement.GetProperty("RepoPath").GetString());
    }

    [Theory]
    [InlineData("api/v0/cat?arg=not-a-cid")]
    [InlineData("api/v0/cat")]
    [InlineData("api/v0/pin/ls?type=sideways")]
    [InlineData("api/v0/add")]
    public async Task BadArgument_Answers400WithKuboError(string path)
    {
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, error.RootElement.GetProperty("Code").GetInt32());
        Assert.Equal("error", error.RootElement.GetProperty("Type").GetString());
        Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("Message").GetString()));
    }

    [Fact]
    public async Task Cat_OfAnUnknownCid_Answers500WithKuboError()
    {
        var unknown = (await new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015).AddFileAsync(new MemoryStream(Guid.NewGuid().ToByteArray()))).Cid;

        using var response = await Client.PostAsync(new Uri($"api/v0/cat?arg={unknown}", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", error.RootElement.GetProperty("Type").GetString());
    }

    [Fact]
    public async Task Metrics_IsPrometheusText_WithIpfsKitMetrics()
    {
        await AddAsync("count me"u8.ToArray(), "metrics.txt");

        using var response = await Client.GetAsync(new Uri("metrics", UriKind.Relative));
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync());

        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains(samples, s => s.Name == "ipfskit_client_operations_total" && s.Labels.Contains("operation=\"add\"", StringComparison.Ordinal) && s.Value >= 1);
        Assert.All(samples, s => Assert.StartsWith("ipfskit_", s.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CorrelationId_IsEchoed_OrCreated()
    {
        using var given = new HttpRequestMessage(HttpMethod.Get, "health");
        given.Headers.Add("X-Correlation-Id", "abc-123");

        using var echoed = await Client.SendAsync(given);
        using var created = await Client.GetAsync(new Uri("ready", UriKind.Relative));

        Assert.Equal("abc-123", echoed.Headers.GetValues("X-Correlation-Id").Single());
        Assert.False(string.IsNullOrEmpty(created.Headers.GetValues("X-Correlation-Id").Single()));
    }

    [Fact]
    public async Task Logs_AreJson_WithTheRequestsCorrelationId()
    {
        var id = "log-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v0/id");
        request.Headers.Add("X-Correlation-Id", id);
        using var response = await Client.SendAsync(request);

        string? line = null;
        for (var i = 0; i < 100 && line is null; i++)
        {
            line = fixture.Host.Output.Split('\n').FirstOrDefault(l => l.Contains(id, StringComparison.Ordinal) && l.Contains("answered", StringComparison.Ordinal));
            await Task.Delay(50);
        }

        Assert.NotNull(line);
        using var log = JsonDocument.Parse(line);
        Assert.Contains(log.RootElement.GetProperty("Scopes").EnumerateArray(), s => s.TryGetProperty("CorrelationId", out var c) && c.GetString() == id);
    }

    [Fact]
    public async Task Logs_AtTheDefaultLevel_ProbesAndFrameworkAreQuiet()
    {
        var probe = "probe-" + Guid.NewGuid().ToString("N");
        var call = "call-" + Guid.NewGuid().ToString("N");
        foreach (var path in (string[])["health", "ready", "metrics"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Correlation-Id", probe);
            using var response = await Client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, path);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, "api/v0/id"))
        {
            request.Headers.Add("X-Correlation-Id", call);
            using var response = await Client.SendAsync(request);
        }

        // The API call's line is written after the probes' would have been: once it is there, theirs would be too.
        string[] lines = [];
        for (var i = 0; i < 100 && !lines.Any(l => l.Contains(call, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(50);
            lines = fixture.Host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        Assert.Contains(lines, l => l.Contains(call, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(probe, StringComparison.Ordinal));
        var categories = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Category").GetString() ?? string.Empty).ToList();
        Assert.DoesNotContain(categories, c => c.StartsWith("Microsoft.", StringComparison.Ordinal) || c.StartsWith("System.Net.Http", StringComparison.Ordinal));
        Assert.Contains(categories, c => c.StartsWith("IpfsKit", StringComparison.Ordinal));
    }

    private async Task<(string Name, string Hash)> AddAsync(byte[] data, string fileName, string query = "")
    {
        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var response = await Client.PostAsync(new Uri("api/v0/add?" + query, UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var line = JsonDocument.Parse(body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single());
        return (line.RootElement.GetProperty("Name").GetString()!, line.RootElement.GetProperty("Hash").GetString()!);
    }

    private async Task<string> PostStringAsync(string path)
    {
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }
}
