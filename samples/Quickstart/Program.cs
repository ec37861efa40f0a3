// Quickstart: add a file or directory the way `ipfs add -Q` does, print its CID, and read it back to prove the round trip.
//
//   dotnet run --project samples/Quickstart -- <path> [--cid-version 1] [--trickle] [--chunk-size N] [--profile unixfs-v1-2025]
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Content.UnixFs.Reading;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: Quickstart <path> [--cid-version 0|1] [--trickle] [--chunk-size N] [--profile unixfs-v0-2015|unixfs-v1-2025]");
    return args.Length == 0 ? 2 : 0;
}

var path = args[0];
var options = ImportOptions.UnixFsV0Of2015;
for (var i = 1; i < args.Length; i++)
{
    options = args[i] switch
    {
        "--cid-version" => options with { CidVersion = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--trickle" => options with { Layout = DagLayout.Trickle },
        "--chunk-size" => options with { ChunkSize = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
        "--profile" => ImportOptions.FromProfile(args[++i]),
        var unknown => throw new ArgumentException($"Unknown option '{unknown}'."),
    };
}

// Import into an in-memory block store, then read everything back through the UnixFS reader.
var store = new MemoryBlockStore();
var importer = new UnixFsImporter(store, options);
var root = await importer.AddPathAsync(path);
Console.WriteLine(root.Cid.ToString());

var reader = new UnixFsReader(store);
var checkedFiles = await Verify.RoundTripAsync(reader, root.Cid, path);
Console.Error.WriteLine($"read back {checkedFiles} file(s), {root.ContentSize} bytes, {store.Count} blocks: identical");
return 0;
