using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using IpfsKit.Roles;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Coordination.Internal;
using IpfsKit.Roles.Leecher;
using IpfsKit.Roles.Leecher.Internal;
using IpfsKit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IpfsKit.Tests.Roles.Leecher;

/// <summary>
/// The leecher's agent draining its outbox over real HTTP into a scripted master. A fake here, because a real master
/// cannot be made to answer 500 on demand; the refusal path against the real master host is covered end to end in
/// IpfsKit.Node.Tests (OutboxParkingTests).
/// </summary>
[Trait("Category", "Roles")]
public sealed class LeecherDrainTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ipfskit-leecher-" + Guid.NewGuid().ToString("N"));
    private readonly ScriptedMaster _master = new();

    public void Dispose()
    {
        _master.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Drain_MasterFails500_StaysOnlineAndStuckThenRefusalParkedAndTheRestApplied()
    {
        await using var services = Leecher();
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(default);
        }

        try
        {
            var ipfs = services.GetRequiredService<IIpfsKit>();
            var state = services.GetRequiredService<IMasterLinkMonitor>(); // what the host reads
            var outbox = await services.GetRequiredService<LeecherOutbox>().GetAsync(default);

            // The master answers /ready but fails the operation: online, stuck, nothing lost.
            _master.Failing = true;
            await ipfs.PublishAsync("t", Encoding.UTF8.GetBytes("a"));
            await Eventually.TrueAsync(() => state.Current.DrainError is not null && _master.Calls > 0, Patience, "the drain stops on the 500");
            Assert.True(ipfs.IsOnline);
            Assert.Contains("500", state.Current.DrainError, StringComparison.Ordinal);
            Assert.Equal(1, await outbox.CountAsync());
            Assert.Empty(_master.Applied);

            // A refused operation queued behind it; then the master recovers.
            await ipfs.PublishAsync("t", Encoding.UTF8.GetBytes("refuse"));
            await ipfs.PublishAsync("t", Encoding.UTF8.GetBytes("b"));
            _master.Failing = false;
            await Eventually.TrueAsync(() => _master.Applied.Count == 2 && state.Current.DrainError is null, Patience, "the drain completes");

            Assert.Equal(["a", "b"], _master.Applied);
            Assert.True(await outbox.IsEmptyAsync());
            var parked = Assert.Single(await outbox.GetParkedAsync());
            Assert.Equal("refuse", Encoding.UTF8.GetString(parked.Operation.Payload.Span));
            Assert.Equal("the scripted master does not want this", parked.Reason);
            Assert.True(ipfs.IsOnline);

            // The app's view: the parked operation, then requeued (same key) once the master takes it.
            var view = services.GetRequiredService<ILeecherOutbox>();
            Assert.Equal(1, await view.CountParkedAsync());
            Assert.Equal(parked.Operation.IdempotencyKey, Assert.Single(await view.GetParkedAsync()).Operation.IdempotencyKey);
            Assert.False(await view.RequeueParkedAsync(Guid.NewGuid()));
            _master.RefuseNothing = true;
            Assert.True(await view.RequeueParkedAsync(parked.Operation.IdempotencyKey));
            await Eventually.TrueAsync(() => _master.Applied.Count == 3, Patience, "the requeued operation is applied");
            Assert.Equal(["a", "b", "refuse"], _master.Applied);
            Assert.Equal([parked.Operation.IdempotencyKey], _master.Keys.Skip(2));
            Assert.Equal(0, await view.CountParkedAsync());
            Assert.Equal(0, await view.CountQueuedAsync());
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(default);
            }
        }
    }

    private ServiceProvider Leecher() => LeecherServices.Build(_folder, r =>
    {
        r.MasterNode = _master.Root;
        r.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
    });

    /// <summary>A master that is ready, applies publishes, refuses "refuse" with 422 and answers 500 while failing.</summary>
    private sealed class ScriptedMaster : LoopbackHttpServer
    {
        private readonly ConcurrentQueue<string> _applied = new();
        private int _calls;

        private readonly ConcurrentQueue<Guid> _keys = new();

        public volatile bool Failing;

        public volatile bool RefuseNothing;

        public IReadOnlyList<Guid> Keys => [.. _keys];

        public int Calls => Volatile.Read(ref _calls);

        public IReadOnlyList<string> Applied => [.. _applied];

        protected override async Task ServeAsync(HttpListenerContext context)
        {
            var path = context.Request.Url!.AbsolutePath;
            if (path == "/ready")
            {
                await RespondAsync(context.Response, 200, "text/plain", "ready"u8.ToArray());
                return;
            }

            if (path != CoordinationPaths.Operations)
            {
                await RespondAsync(context.Response, 404, "text/plain", []);
                return;
            }

            Interlocked.Increment(ref _calls);
            var operation = await JsonSerializer.DeserializeAsync(context.Request.InputStream, CoordinationJsonContext.Default.ForwardedOperation);
            var text = Encoding.UTF8.GetString(operation!.Payload ?? []);
            if (Failing)
            {
                await RespondAsync(context.Response, 500, "application/json", Encoding.UTF8.GetBytes("{\"Message\":\"database is locked\",\"Code\":0,\"Type\":\"error\"}"));
            }
            else if (text == "refuse" && !RefuseNothing)
            {
                await RespondAsync(context.Response, 422, "application/json", Encoding.UTF8.GetBytes("{\"Message\":\"the scripted master does not want this\",\"Code\":0,\"Type\":\"error\"}"));
            }
            else
            {
                _keys.Enqueue(operation.IdempotencyKey);
                _applied.Enqueue(text);
                await RespondAsync(context.Response, 200, "application/json", JsonSerializer.SerializeToUtf8Bytes(new ForwardedOperationReply(true, null), CoordinationJsonContext.Default.ForwardedOperationReply));
            }
        }
    }
}
