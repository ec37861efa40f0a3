using System.IO.Enumeration;
using IpfsKit.Content;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// Rebuilds what the disk tier holds from its folder at open: sweeps leftover temp files, then lists the block files and
/// pin markers of the fan-out folders with one directory enumeration (name, length and time come with each entry).
/// </summary>
/// <remarks>A file whose name is not the canonical name of a valid CID, or that sits in the wrong fan-out folder, is ignored and left alone.</remarks>
internal sealed class BlockFolderScanner(BlockPaths paths)
{
    /// <summary>Deletes every file of the temp folder; returns how many.</summary>
    public int SweepTemp()
    {
        var swept = 0;
        foreach (var file in Directory.EnumerateFiles(paths.Temp))
        {
            File.Delete(file);
            swept++;
        }

        return swept;
    }

    /// <summary>Lists the blocks, oldest write first, and the pinned CIDs.</summary>
    public (List<ScannedBlock> Blocks, List<Cid> Pins) Scan()
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            MaxRecursionDepth = 1,
            IgnoreInaccessible = false,
            AttributesToSkip = 0,
        };
        var entries = new FileSystemEnumerable<ScannedFile>(
            paths.Blocks,
            (ref FileSystemEntry entry) => new ScannedFile(entry.Directory.ToString(), entry.FileName.ToString(), entry.Length, entry.LastWriteTimeUtc),
            options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
        };

        var blocks = new List<ScannedBlock>();
        var pins = new List<Cid>();
        foreach (var file in entries)
        {
            var isData = file.Name.EndsWith(BlockPaths.DataExtension, StringComparison.Ordinal);
            var isPin = !isData && file.Name.EndsWith(BlockPaths.PinExtension, StringComparison.Ordinal);
            if (!isData && !isPin)
            {
                continue;
            }

            var stem = file.Name.AsSpan(0, file.Name.LastIndexOf('.'));
            if (!BlockPaths.TryParseName(stem, out var cid) || !IsItsFanOutFolder(file.Folder, stem))
            {
                continue;
            }

            if (isData)
            {
                blocks.Add(new ScannedBlock(cid, file.Length, file.LastWriteUtc));
            }
            else
            {
                pins.Add(cid);
            }
        }

        blocks.Sort(static (a, b) => a.LastWriteUtc.CompareTo(b.LastWriteUtc));
        return (blocks, pins);
    }

    private bool IsItsFanOutFolder(string folder, ReadOnlySpan<char> stem) =>
        Path.GetFileName(folder.AsSpan()).SequenceEqual(BlockPaths.FanOut(stem)) &&
        Path.GetDirectoryName(folder.AsSpan()).SequenceEqual(paths.Blocks);

    private readonly record struct ScannedFile(string Folder, string Name, long Length, DateTimeOffset LastWriteUtc);
}

/// <summary>A block file found by <see cref="BlockFolderScanner"/>.</summary>
internal readonly record struct ScannedBlock(Cid Cid, long Length, DateTimeOffset LastWriteUtc);
