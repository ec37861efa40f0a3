using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace IpfsKit.Node.Tests.Abuse;

/// <content>Adds against a small MAX_STORAGE: too big fails with 507 and leaves nothing; what fits works even when other blocks must go.</content>
public sealed partial class AddAbuseTests
{
    private static readonly Dictionary<string, string> SmallStore = new(StringComparer.Ordinal) { ["MAX_STORAGE"] = "2M", ["MAX_MEMORY"] = "1M" };

    [Fact]
    public async Task AddLargerThanStore_Answers507WithAndWithoutLength_LeavesNothing()
    {
        await using var host = await HostProcess.StartReadyAsync(extra: SmallStore);
        await AddAsync(host, ("kept.bin", Random(300_000, 10)));
        var pins = await PinsAsync(host);
        var used = await RepoSizeAsync(host);
        var max = await StorageMaxAsync(host);
        Log($"host ready: {used} of {max} bytes used");

        foreach (var withLength in new[] { true, false })
        {
            using var form = new MultipartFormDataContent();
            var content = Random((int)max + 500_000, 11);
            var part = withLength ? (HttpContent)new ByteArrayContent(content) : new StreamContent(new OneWayStream(content));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", "big.bin");
            if (!withLength)
            {
                form.Headers.ContentLength = null;
            }

            using var response = await host.Client.PostAsync(new Uri("api/v0/add", UriKind.Relative), form);

            var text = await response.Content.ReadAsStringAsync();
            Log($"length {(withLength ? "sent" : "not sent")}: {(int)response.StatusCode} {text}");
            Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
            using var error = JsonDocument.Parse(text);
            Assert.Contains("cannot take", error.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
            Assert.Equal(pins, await PinsAsync(host));
            Assert.Equal(used, await RepoSizeAsync(host));
        }

        await AddAsync(host, ("after.bin", Random(400_000, 12)));
        Assert.Equal(pins.Count + 1, (await PinsAsync(host)).Count);
    }

    [Fact]
    public async Task AddThatFitsOnlyIfItsOwnBlocksStay_EvictsOtherBlocksAndPins()
    {
        await using var host = await HostProcess.StartReadyAsync(extra: SmallStore);
        var max = await StorageMaxAsync(host);
        for (var i = 0; i < 2; i++)
        {
            using var junk = Form(("junk.bin", Random((int)(max * 3 / 8), 20 + i)));
            using var unpinned = await host.Client.PostAsync(new Uri("api/v0/add?pin=false", UriKind.Relative), junk);
            Assert.Equal(HttpStatusCode.OK, unpinned.StatusCode);
        }

        Log($"unpinned blocks fill {await RepoSizeAsync(host)} of {max} bytes");
        var content = Random((int)(max * 3 / 4), 22);

        var line = await AddAsync(host, ("fits.bin", content));

        using var json = JsonDocument.Parse(line.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var cid = json.RootElement.GetProperty("Hash").GetString()!;
        Assert.Contains(cid, await PinsAsync(host));
        using var cat = await host.Client.PostAsync(new Uri("api/v0/cat?arg=" + cid, UriKind.Relative), null);
        Assert.Equal(content, await cat.Content.ReadAsByteArrayAsync());
        Log($"added and read back {content.Length} bytes; store at {await RepoSizeAsync(host)} bytes");
    }

    /// <summary>Content whose length the client cannot know up front (sent chunked).</summary>
    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
