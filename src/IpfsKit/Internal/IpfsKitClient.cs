using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Diagnostics;
using IpfsKit.Errors;
using IpfsKit.Transports;
using IpfsKit.Transports.Internal;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Internal;

/// <summary>
/// The <see cref="IIpfsKit"/> behind DI. Writes go to the transport; reads of a remote transport go through the cache
/// tiers (block by block, each verified), so a second read is local and a lying node is caught.
/// </summary>
internal sealed partial class IpfsKitClient(TransportProvider provider, ILogger<IpfsKitClient> logger, TimeProvider time, IRoleTransportPolicy? policy = null) : IIpfsKit
{
    private volatile bool _online = true;

    public bool IsOnline => policy?.IsOnline ?? _online;

    public async ValueTask<IIpfsTransport> GetTransportAsync(CancellationToken cancellationToken = default) =>
        (await provider.GetAsync(cancellationToken).ConfigureAwait(false)).Transport;

    public Task<AddResult> AddAsync(Stream content, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return RunAsync("add", (opened, ct) => opened.Transport.AddAsync(content, options, progress, ct), cancellationToken);
    }

    public async Task<AddResult> AddFileAsync(string path, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            options ??= AddOptions.Default;
            options = options.FileName is null ? options with { FileName = Path.GetFileName(path) } : options;
            return await AddAsync(file, options, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<AddResult> AddJsonAsync<T>(T value, JsonTypeInfo<T> typeInfo, AddOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        using var json = new MemoryStream();
        await JsonSerializer.SerializeAsync(json, value, typeInfo, cancellationToken).ConfigureAwait(false);
        json.Position = 0;
        return await AddAsync(json, options, null, cancellationToken).ConfigureAwait(false);
    }

    public Task<Stream> CatAsync(Cid cid, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        range?.Validate();
        return RunAsync("cat", async (opened, ct) =>
        {
            if (!opened.IsRemote)
            {
                return await opened.Transport.CatAsync(cid, range, ct).ConfigureAwait(false);
            }

            return await UnixFsCat.OpenAsync(new UnixFsReader(opened.Blocks), cid, range, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<T?> CatJsonAsync<T>(Cid cid, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var stream = await CatAsync(cid, null, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<Block> GetBlockAsync(Cid cid, CancellationToken cancellationToken = default) =>
        RunAsync("block.get", async (opened, ct) => await opened.Blocks.GetRequiredAsync(cid, ct).ConfigureAwait(false), cancellationToken);

    public Task PutBlockAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        return RunAsync("block.put", async (opened, ct) =>
        {
            await opened.Transport.PutBlockAsync(block, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
        RunAsync("pin.add", async (opened, ct) =>
        {
            await opened.Transport.PinAsync(cid, mode, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task PinAsync(Cid cid, PinOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return RunAsync("pin.add", async (opened, ct) =>
        {
            await (policy is not null
                ? policy.PinAsync(opened.Transport, cid, options, ct)
                : opened.Transport.PinAsync(cid, options.Mode, ct)).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
        RunAsync("pin.rm", async (opened, ct) =>
        {
            await opened.Transport.UnpinAsync(cid, mode, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async IAsyncEnumerable<PinEntry> ListPinsAsync(PinMode? mode = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var opened = await provider.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var pin in opened.Transport.ListPinsAsync(mode, cancellationToken).ConfigureAwait(false))
        {
            yield return pin;
        }
    }

    public async IAsyncEnumerable<Cid> CollectGarbageAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var opened = await provider.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var cid in opened.Transport.CollectGarbageAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return cid;
        }
    }

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return RunAsync("pubsub.pub", async (opened, ct) =>
        {
            await opened.Transport.PublishAsync(topic, data, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<PubSubMessage> SubscribeAsync(string topic, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var opened = await provider.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var message in opened.Transport.SubscribeAsync(topic, cancellationToken).ConfigureAwait(false))
        {
            yield return message;
        }
    }

    public async Task<IpfsKitStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var opened = await provider.GetAsync(cancellationToken).ConfigureAwait(false);
        var transport = opened.Transport;
        try
        {
            var identity = transport.Capabilities.HasFlag(TransportCapabilities.Identity)
                ? await transport.IdentifyAsync(cancellationToken).ConfigureAwait(false) : null;
            RepoStat? repo = transport.Capabilities.HasFlag(TransportCapabilities.RepoStat)
                ? await transport.RepoStatAsync(cancellationToken).ConfigureAwait(false) : null;
            _online = true;
            return new IpfsKitStatus(transport.Name, true, identity, repo, opened.Blocks.GetStatistics(), null);
        }
        catch (IpfsKitRemoteException ex)
        {
            _online = false;
            return new IpfsKitStatus(transport.Name, false, null, null, opened.Blocks.GetStatistics(), ex.Message);
        }
    }

    private async Task<T> RunAsync<T>(string operation, Func<OpenedTransport, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var opened = await provider.GetAsync(cancellationToken).ConfigureAwait(false);
        using var activity = IpfsKitDiagnostics.ActivitySource.StartActivity("ipfskit." + operation);
        activity?.SetTag("ipfskit.transport", opened.Transport.Name);
        var started = time.GetTimestamp();
        var outcome = "ok";
        try
        {
            var result = await call(opened, cancellationToken).ConfigureAwait(false);
            _online = true;
            return result;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        catch (IpfsKitRemoteException ex)
        {
            outcome = "error";
            _online = ex.StatusCode is not null;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogRemoteFailure(logger, operation, opened.Transport.Name, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            outcome = "error";
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            var tags = new TagList { { "operation", operation }, { "transport", opened.Transport.Name }, { "outcome", outcome } };
            provider.Metrics.Operations.Add(1, tags);
            provider.Metrics.Duration.Record(time.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "IpfsKit {Operation} through {Transport} failed: {Reason}")]
    private static partial void LogRemoteFailure(ILogger logger, string operation, string transport, string reason);
}
