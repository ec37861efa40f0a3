// Opens a DiskBlockTier at args[0] and writes random blocks (1 B to 256 KiB, some pinned) forever, printing each CID
// on its own line once its PutAsync has returned, so the parent test knows which writes were acknowledged when it
// kills this process. Prints "ready" after the tier is open. Optional args[1]: the byte budget (default 10 GiB).
using IpfsKit.Blocks;
using IpfsKit.Storage;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: IpfsKit.Storage.CrashWriter <folder> [capacity]");
    return 2;
}

var options = new DiskBlockTierOptions { Path = args[0], Fsync = true };
if (args.Length == 2)
{
    options = options with { Capacity = ByteSize.Parse(args[1]) };
}

using var tier = await DiskBlockTier.OpenAsync(options);
Console.WriteLine("ready");
var random = new Random();
while (true)
{
    // Mostly small blocks, one in four up to 256 KiB, so a round writes many files of every size.
    var size = random.Next(4) == 0 ? random.Next(1, (256 * 1024) + 1) : random.Next(1, 4097);
    var data = new byte[size];
    random.NextBytes(data);
    var block = Block.Create(data);
    if (random.Next(10) == 0)
    {
        await tier.PinAsync(block.Cid);
    }

    await tier.PutAsync(block);
    Console.WriteLine(block.Cid.ToString());
}
