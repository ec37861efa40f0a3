// IoT gateway: reads (simulated) sensors, adds each reading to IPFS as JSON and publishes its CID on a pubsub topic.
// With no arguments it runs on the embedded node (nothing else installed); its data folder is IPFS_PATH, or
// ~/.ipfs-kit/iot-gateway. With --kubo URL it talks to a Kubo node instead; while that node is unreachable, readings and
// their announcements wait in a durable offline outbox and are sent, in order and once, when it answers again.
//
//   dotnet run --project samples/IoTGateway -- [--count 10] [--interval 1] [--kubo http://127.0.0.1:5001]
using System.Text;
using IpfsKit;
using IpfsKit.DependencyInjection;
using IpfsKit.Roles;
using IpfsKit.Storage;
using Microsoft.Extensions.DependencyInjection;

GatewayArguments options;
try
{
    options = GatewayArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(GatewayArguments.Usage);
    return 2;
}

var dataFolder = Environment.GetEnvironmentVariable("IPFS_PATH") is { Length: > 0 } path
    ? path
    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ipfs-kit", "iot-gateway");
Directory.CreateDirectory(dataFolder);

var services = new ServiceCollection();
var builder = services.AddIpfsKit(o =>
{
    o.Storage.Path = Path.Combine(dataFolder, "blocks");
    o.Storage.MaxMemory = ByteSize.Parse("64M");
    o.Storage.MaxStorage = ByteSize.Parse("1G");
    o.Resilience.MaxRetryAttempts = 1;
    o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
});
if (options.Kubo is { } kubo)
{
    builder.UseKuboRpc(kubo);
}

await using var provider = services.BuildServiceProvider();
var ipfs = provider.GetRequiredService<IIpfsKit>();
await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { Path = Path.Combine(dataFolder, "outbox.db") });
var sensors = new SimulatedSensors(seed: 7);
int published = 0, queued = 0, synced = 0;

for (var sequence = 1; sequence <= options.Count; sequence++)
{
    var reading = sensors.Read(sequence, TimeProvider.System.GetUtcNow());
    var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(reading, ReadingJson.Default.SensorReading);
    try
    {
        // Online: first what waited while offline, in order, then this reading.
        synced += await outbox.DrainAsync((operation, ct) => SendAsync(ipfs, operation, ct));
        var added = await ipfs.AddAsync(new MemoryStream(json));
        await ipfs.PublishAsync(options.Topic, Encoding.UTF8.GetBytes(added.Cid.ToString()));
        published++;
        Console.WriteLine($"reading {sequence}: {added.Cid} published on {options.Topic}");
    }
    catch (IpfsKitRemoteException e) when (e.StatusCode is null)
    {
        // Offline: keep the reading itself; it is added and announced when the node answers again.
        await outbox.EnqueueAsync(OutboxOperation.AddContent(json));
        queued++;
        Console.WriteLine($"reading {sequence}: node unreachable, queued ({await outbox.CountAsync()} waiting)");
    }

    if (sequence < options.Count && options.Interval > TimeSpan.Zero)
    {
        await Task.Delay(options.Interval);
    }
}

Console.Error.WriteLine($"{options.Count} readings: {published} published, {queued} queued, {synced} sent from the outbox, {await outbox.CountAsync()} waiting");
return 0;

// Sends one operation that waited in the outbox; an added reading is announced like a fresh one.
async Task SendAsync(IIpfsKit node, OutboxOperation operation, CancellationToken cancellationToken)
{
    switch (operation.Kind)
    {
        case OutboxOperationKind.AddContent:
            var added = await node.AddAsync(new MemoryStream(operation.Payload.ToArray()), cancellationToken: cancellationToken);
            await node.PublishAsync(options.Topic, Encoding.UTF8.GetBytes(added.Cid.ToString()), cancellationToken);
            break;
        case OutboxOperationKind.Publish:
            await node.PublishAsync(operation.Topic!, operation.Payload, cancellationToken);
            break;
        case OutboxOperationKind.Pin:
            await node.PinAsync(operation.Cid, operation.PinMode, cancellationToken);
            break;
        case OutboxOperationKind.Unpin:
            await node.UnpinAsync(operation.Cid, operation.PinMode, cancellationToken);
            break;
    }
}
