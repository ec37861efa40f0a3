using System.IO.Enumeration;
using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// Opens the disk tier's folder: prepares it (creates it, proves it writable), sweeps leftover temp files, then lists the
/// block files and pin markers of the fan-out folders with one directory enumeration (name, length and time come with
/// each entry), from which the tier rebuilds its index.
/// </summary>
/// <remarks>A file whose name is not the canonical name of a valid CID, or that sits in the wrong fan-out folder, is ignored and left alone.</remarks>
internal sealed class BlockFolderScanner(BlockPaths paths)
{
    /// <summary>Creates the folder and its sub-folders and proves it writable with a probe file.</summary>
    /// <exception cref="IpfsKitStorageException">The folder cannot be created or written.</exception>
    public static void Prepare(BlockPaths paths)
    {
        var root = paths.Root;
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception ex) when (StorageErrors.IsIoFailure(ex))
        {
            throw new IpfsKitStorageException(root, "the folder cannot be created", ex);
        }

        try
        {
            Directory.CreateDirectory(paths.Blocks);
            Directory.CreateDirectory(paths.Temp);
            var probe = paths.NewTempFile();
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IpfsKitStorageException(root, "the folder is read-only", ex);
        }
        catch (IOException ex)
        {
            throw StorageErrors.Storage(root, "the folder is not writable", ex);
        }
    }

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
        // Names are parsed from the entry's spans: no string per file but the CID's own bytes.
        var entries = new FileSystemEnumerable<ScannedFile>(
            paths.Blocks,
            (ref FileSystemEntry entry) => Parse(ref entry),
            options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
        };

        var blocks = new List<ScannedBlock>();
        var pins = new List<Cid>();
        foreach (var file in entries)
        {
            if (file.Cid.IsEmpty)
            {
                continue;
            }

            if (file.IsPin)
            {
                pins.Add(file.Cid);
            }
            else
            {
                blocks.Add(new ScannedBlock(file.Cid, file.Length, file.LastWriteUtc));
            }
        }

        blocks.Sort(static (a, b) => a.LastWriteUtc.CompareTo(b.LastWriteUtc));
        return (blocks, pins);
    }

    /// <summary>Reads a block file or pin marker from an entry; an empty CID when the entry is neither, or not where its name belongs.</summary>
    private ScannedFile Parse(ref FileSystemEntry entry)
    {
        var name = entry.FileName;
        var isData = name.EndsWith(BlockPaths.DataExtension, StringComparison.Ordinal);
        var isPin = !isData && name.EndsWith(BlockPaths.PinExtension, StringComparison.Ordinal);
        if (!isData && !isPin)
        {
            return default;
        }

        var stem = name[..name.LastIndexOf('.')];
        if (stem.Length < 3 || !IsItsFanOutFolder(entry.Directory, stem) || !BlockPaths.TryParseName(stem, out var cid))
        {
            return default;
        }

        return new ScannedFile(cid, isPin, entry.Length, entry.LastWriteTimeUtc);
    }

    private bool IsItsFanOutFolder(ReadOnlySpan<char> folder, ReadOnlySpan<char> stem) =>
        Path.GetFileName(folder).SequenceEqual(BlockPaths.FanOut(stem)) &&
        Path.GetDirectoryName(folder).SequenceEqual(paths.Blocks);

    private readonly record struct ScannedFile(Cid Cid, bool IsPin, long Length, DateTimeOffset LastWriteUtc);
}

/// <summary>A block file found by <see cref="BlockFolderScanner"/>.</summary>
internal readonly record struct ScannedBlock(Cid Cid, long Length, DateTimeOffset LastWriteUtc);
