// Quickstart: add a file or directory the way `ipfs add -Q` does, print its CID, and read it back to prove the round trip.
//
//   dotnet run --project samples/Quickstart -- <path> [--cid-version 1] [--trickle] [--chunk-size N] [--profile unixfs-v1-2025]
//                                                      [--kubo http://127.0.0.1:5001] [--gateway http://127.0.0.1:8080]
//
// --kubo URL     adds the file through a Kubo RPC endpoint and prints the CID the node returned (checked against ours).
// --gateway URL  reads the file back through a trustless gateway (every block verified) instead of the local store.
using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;
using IpfsKit.Transports;
using IpfsKit.Transports.Gateway;
using IpfsKit.Transports.KuboRpc;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: Quickstart <path> [--cid-version 0|1] [--trickle] [--chunk-size N] [--profile unixfs-v0-2015|unixfs-v1-2025] [--kubo URL] [--gateway URL]");
    return args.Length == 0 ? 2 : 0;
}

var path = args[0];
var options = ImportOptions.UnixFsV0Of2015;
Uri? kubo = null;
Uri? gateway = null;
try
{
    for (var i = 1; i < args.Length; i++)
    {
        var option = args[i];
        string Value() => ++i < args.Length ? args[i] : throw new FormatException($"{option} needs a value.");
        switch (option)
        {
            case "--cid-version": options = options with { CidVersion = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) }; break;
            case "--trickle": options = options with { Layout = DagLayout.Trickle }; break;
            case "--chunk-size": options = options with { ChunkSize = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) }; break;
            case "--profile": options = ImportOptions.FromProfile(Value()); break;
            case "--kubo": kubo = new Uri(Value()); break;
            case "--gateway": gateway = new Uri(Value()); break;
            default: throw new FormatException($"Unknown option '{option}'.");
        }
    }
}
catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or IpfsKit.Errors.IpfsKitException)
{
    Console.Error.WriteLine($"Quickstart: {e.Message}");
    return 2;
}

if (!File.Exists(path) && !Directory.Exists(path))
{
    Console.Error.WriteLine($"Quickstart: nothing to import at '{path}' (no such file or directory).");
    return 1;
}

// Import into an in-memory block store: the CID `ipfs add -Q` prints with the same settings.
var store = new MemoryBlockStore();
IpfsKit.Content.UnixFs.Importing.ImportResult root;
try
{
    root = await new UnixFsImporter(store, options).AddPathAsync(path);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or IpfsKit.Errors.IpfsKitException)
{
    Console.Error.WriteLine($"Quickstart: cannot import '{path}': {e.Message}");
    return 1;
}

if (kubo is not null)
{
    try
    {
        using var http = new HttpClient { BaseAddress = kubo, Timeout = Timeout.InfiniteTimeSpan };
        await using var file = File.OpenRead(path);
        var added = await new KuboRpcTransport(http).AddAsync(file, new AddOptions { Import = options, FileName = Path.GetFileName(path) });
        Console.WriteLine(added.Cid.ToString());
        Console.Error.WriteLine(added.Cid == root.Cid ? "the node's CID equals IpfsKit's" : $"the node's CID differs from IpfsKit's {root.Cid}");
        return added.Cid == root.Cid ? 0 : 1;
    }
    catch (IpfsKit.Errors.IpfsKitException e)
    {
        Console.Error.WriteLine($"add through {kubo} failed: {e.Message}");
        return 1;
    }
}

Console.WriteLine(root.Cid.ToString());
if (gateway is not null)
{
    try
    {
        using var http = new HttpClient { BaseAddress = gateway };
        await using var remote = await new GatewayTransport(http).CatAsync(root.Cid);
        await using var original = File.OpenRead(path);
        var same = await Verify.SameAsync(remote, original);
        Console.Error.WriteLine(same ? "read back through the gateway: identical" : "read back through the gateway: DIFFERENT");
        return same ? 0 : 1;
    }
    catch (IpfsKit.Errors.IpfsKitException e)
    {
        // A gateway that is not trustless (it answers the file instead of the raw block) or sends bad bytes ends here.
        Console.Error.WriteLine($"read back through the gateway failed: {e.Message}");
        return 1;
    }
}

var reader = new UnixFsReader(store);
var checkedFiles = await Verify.RoundTripAsync(reader, root.Cid, path);
Console.Error.WriteLine($"read back {checkedFiles} file(s), {root.ContentSize} bytes, {store.Count} blocks: identical");
return 0;
