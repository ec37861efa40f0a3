// IoT gateway: reads (simulated) sensors, adds each reading to IPFS as JSON and publishes its CID on a pubsub topic.
// With no arguments it runs on the embedded node (nothing else installed); its data folder is IPFS_PATH, or
// ~/.ipfs-kit/iot-gateway. With --kubo URL it talks to a Kubo node through a durable offline outbox: while the node is
// unreachable, readings and their announcements wait on disk and go out in order when it answers again. With
// --master URL it is a leecher of an IpfsKit master: readings are kept here and forwarded through the leecher's outbox.
//
//   dotnet run --project samples/IoTGateway -- [--count 10] [--interval 1] [--kubo URL | --master URL]
using System.Text;
using IpfsKit;
using IpfsKit.Errors;
using IpfsKit.Roles;
using IpfsKit.Roles.Leecher;
using IpfsKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

GatewayArguments options;
try
{
    options = GatewayArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"IoTGateway: {e.Message} {GatewayArguments.Usage}");
    return 2;
}

var dataFolder = Environment.GetEnvironmentVariable("IPFS_PATH") is { Length: > 0 } path
    ? path
    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ipfs-kit", "iot-gateway");

var builder = Host.CreateApplicationBuilder();
// Warnings (the node went away, came back) to stderr; a failed start is reported below in one line, not logged.
builder.Logging.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
    .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
var ipfsKit = builder.Services.AddIpfsKit(o =>
{
    o.Storage.Path = Path.Combine(dataFolder, "blocks");
    o.Storage.MaxMemory = ByteSize.Parse("64M");
    o.Storage.MaxStorage = ByteSize.Parse("1G");
    o.Resilience.MaxRetryAttempts = 1;
    o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
});
if (options.Kubo is { } kubo)
{
    ipfsKit.UseKuboRpc(kubo).WithOfflineOutbox(Path.Combine(dataFolder, "outbox.db"));
}
else if (options.Master is { } master)
{
    ipfsKit.UseRole(NodeRole.Leecher, roles => roles.MasterNode = master);
}

using var host = builder.Build();
try
{
    await host.StartAsync();
    var ipfs = host.Services.GetRequiredService<IIpfsKit>();
    var outbox = host.Services.GetService<ILeecherOutbox>(); // none on the embedded node
    var sensors = new SimulatedSensors(seed: 7);
    int published = 0, queued = 0;
    for (var sequence = 1; sequence <= options.Count; sequence++)
    {
        var reading = sensors.Read(sequence, TimeProvider.System.GetUtcNow());
        var added = await ipfs.AddJsonAsync(reading, ReadingJson.Default.SensorReading);
        await ipfs.PublishAsync(options.Topic, Encoding.UTF8.GetBytes(added.Cid.ToString()));
        if (ipfs.IsOnline)
        {
            published++;
            Console.WriteLine($"reading {sequence}: {added.Cid} published on {options.Topic}");
        }
        else
        {
            queued++;
            Console.WriteLine($"reading {sequence}: node unreachable, queued ({await outbox!.CountQueuedAsync()} waiting)");
        }

        if (sequence < options.Count && options.Interval > TimeSpan.Zero)
        {
            await Task.Delay(options.Interval);
        }
    }

    var waiting = outbox is null ? 0 : await outbox.CountQueuedAsync();
    Console.Error.WriteLine($"{options.Count} readings: {published} published, {queued} queued, {waiting} waiting");
    await host.StopAsync();
    return 0;
}
catch (Exception e) when (e is IpfsKitException or OptionsValidationException)
{
    Console.Error.WriteLine($"IoTGateway: {e.Message.ReplaceLineEndings(" ")}");
    return 1;
}
