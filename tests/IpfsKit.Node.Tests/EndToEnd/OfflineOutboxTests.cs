using System.Diagnostics;
using System.Text;
using System.Text.Json;
using IpfsKit.Roles.Leecher;
using IpfsKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// <c>UseKuboRpc(url).WithOfflineOutbox(path)</c> against a real node host process that is killed and restarted: what
/// the app adds, pins and unpins while the node is down is answered locally (CID, reads from the cache), kept on disk
/// across a restart of the app itself, and replayed in order once the node is back; what the node refuses is parked.
/// </summary>
[Trait("Category", "Outbox")]
public sealed class OfflineOutboxTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _app = Directory.CreateTempSubdirectory("ipfskit-outbox-app-");
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Dispose() => _app.Delete(recursive: true);

    [Fact]
    public async Task NodeKilledAndRestarted_OfflineWritesKeptOnDiskAndReplayedInOrder()
    {
        var node = await HostProcess.StartReadyAsync();
        await using var first = node;
        var endpoint = node.Client.BaseAddress!;
        byte[] online = Encoding.UTF8.GetBytes("added while the node answers"), offline = Encoding.UTF8.GetBytes("added while the node is down"),
            dropped = Encoding.UTF8.GetBytes("added then unpinned while the node is down");
        Content.Cid onlineCid, offlineCid, droppedCid;

        using (var app = await StartAppAsync(endpoint))
        {
            var ipfs = app.Services.GetRequiredService<IIpfsKit>();
            onlineCid = (await ipfs.AddAsync(new MemoryStream(online))).Cid;
            Assert.Contains(onlineCid.ToString(), await PinsAsync(node));
            Step("online add pinned on the node");

            await node.KillAsync();
            offlineCid = (await ipfs.AddAsync(new MemoryStream(offline))).Cid;
            Assert.False(ipfs.IsOnline);
            droppedCid = (await ipfs.AddAsync(new MemoryStream(dropped))).Cid;
            await ipfs.UnpinAsync(droppedCid);
            await ipfs.PublishAsync("outbox/test", "queued"u8.ToArray());
            Assert.Equal(4, await app.Services.GetRequiredService<ILeecherOutbox>().CountQueuedAsync());
            Assert.Equal(offline, await ReadAsync(ipfs, offlineCid)); // from the local cache
            Step("node killed: 2 adds, 1 unpin, 1 publish queued; the offline add reads back from the cache");
            await app.StopAsync();
        }

        await using var second = await HostProcess.StartReadyAsync(port: endpoint.Port, extra: new Dictionary<string, string> { ["IPFS_PATH"] = node.DataPath });
        Step("node restarted on its port and data");

        using (var app = await StartAppAsync(endpoint))
        {
            var outbox = app.Services.GetRequiredService<ILeecherOutbox>();
            while (await outbox.CountQueuedAsync() > 0)
            {
                Assert.True(_clock.Elapsed < TimeSpan.FromSeconds(60), "the outbox was not replayed within 60 s");
                await Task.Delay(50);
            }

            Step("restarted app replayed the outbox");
            var pins = await PinsAsync(second);
            Assert.Contains(onlineCid.ToString(), pins);
            Assert.Contains(offlineCid.ToString(), pins);
            Assert.DoesNotContain(droppedCid.ToString(), pins); // the unpin came after its pin
            // The node host serves no pubsub: the queued publish was refused (404), so it is parked, not retried forever.
            var parked = Assert.Single(await outbox.GetParkedAsync());
            Assert.Equal(OutboxOperationKind.Publish, parked.Operation.Kind);
            using var cat = await second.Client.PostAsync(new Uri($"api/v0/cat?arg={offlineCid}", UriKind.Relative), null);
            Assert.Equal(offline, await cat.Content.ReadAsByteArrayAsync()); // its blocks reached the node
            Assert.True(app.Services.GetRequiredService<IIpfsKit>().IsOnline);
            await app.StopAsync();
        }
    }

    private async Task<IHost> StartAppAsync(Uri endpoint)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Services.AddIpfsKit(o =>
        {
            o.Storage.Path = Path.Combine(_app.FullName, "cache");
            o.Storage.MaxMemory = ByteSize.FromMebibytes(8);
            o.Storage.MaxStorage = ByteSize.FromMebibytes(64);
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
        })
        .UseKuboRpc(endpoint)
        .WithOfflineOutbox(new OfflineOutboxOptions { Path = Path.Combine(_app.FullName, "outbox.db"), RetryInterval = TimeSpan.FromMilliseconds(200) });
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    private static async Task<string> PinsAsync(HostProcess node)
    {
        using var response = await node.Client.PostAsync(new Uri("api/v0/pin/ls?type=recursive", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return string.Join(' ', json.RootElement.GetProperty("Keys").EnumerateObject().Select(p => p.Name));
    }

    private static async Task<byte[]> ReadAsync(IIpfsKit ipfs, Content.Cid cid)
    {
        await using var stream = await ipfs.CatAsync(cid);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private void Step(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F2} s  {what}");
}
