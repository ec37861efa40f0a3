using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// The file I/O of the disk tier: write a temp file (flushed to the device when asked), rename it into place, read a
/// block file back verified against its CID, delete. Paths come from <see cref="BlockPaths"/> only.
/// </summary>
/// <remarks>Thread-safe (stateless beyond its settings); the tier's lock orders renames and deletes against its index.</remarks>
internal sealed class BlockFiles(BlockPaths paths, bool fsync)
{
    /// <summary>Gets the layout the files follow.</summary>
    public BlockPaths Paths => paths;

    /// <summary>Writes <paramref name="data"/> to a new temp file (<see cref="BlockPaths.NewTempFile"/>), flushed to the device when the tier asks; on any failure the file is deleted.</summary>
    public async Task WriteTempAsync(string temp, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
                BufferSize = 0,
            };
            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: fsync);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }
    }

    /// <summary>Renames a written temp file into place as <paramref name="destination"/>, creating its fan-out folder.</summary>
    public static void Publish(string temp, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Move(temp, destination, overwrite: true);
    }

    /// <summary>
    /// Reads the file of a block indexed as <paramref name="length"/> bytes long and checks its bytes hash to the CID.
    /// </summary>
    /// <remarks>
    /// Reads synchronously, straight into the block's own array: a block is at most a few MiB and usually in the page
    /// cache, where an asynchronous read only adds a hop through the thread pool.
    /// </remarks>
    /// <returns>The block, or why the file cannot be served (and whether it is damaged rather than gone).</returns>
    /// <exception cref="IpfsKitStorageException">The file exists but cannot be read.</exception>
    public BlockRead ReadVerified(Cid cid, long length)
    {
        var path = paths.DataFile(cid);
        byte[]? data;
        try
        {
            data = ReadExact(path, length);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return BlockRead.Bad(path, "the file is gone", corrupt: false);
        }
        catch (Exception ex) when (StorageErrors.IsIoFailure(ex))
        {
            throw StorageErrors.Storage(path, "the block file cannot be read", ex);
        }

        return data switch
        {
            null => BlockRead.Bad(path, $"the file is not {length} bytes long as written", corrupt: true),
            _ when !Multihash.IsSupported(cid.HashCode) => BlockRead.Bad(path, "its hash function cannot be computed, so its bytes cannot be verified", corrupt: true),
            _ when !cid.Hash.Matches(data) => BlockRead.Bad(path, "the bytes do not hash to the CID", corrupt: true),
            _ => new BlockRead(Block.FromTrusted(cid, data), path, null, Corrupt: false),
        };
    }

    /// <summary>Deletes a file that may be absent.</summary>
    /// <exception cref="IOException">The file exists and cannot be deleted.</exception>
    /// <exception cref="UnauthorizedAccessException">The file exists and cannot be deleted.</exception>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Absent already.
        }
    }

    /// <summary>Deletes a file that may be absent.</summary>
    /// <exception cref="IpfsKitStorageException">The file exists and cannot be deleted; the message says <paramref name="what"/>.</exception>
    public static void DeleteOrThrow(string path, string what)
    {
        try
        {
            Delete(path);
        }
        catch (Exception ex) when (StorageErrors.IsIoFailure(ex))
        {
            throw StorageErrors.Storage(path, what, ex);
        }
    }

    /// <summary>Deletes a file, ignoring failures: temp files are swept at the next open, a bad block file is re-checked on read.</summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (StorageErrors.IsIoFailure(ex))
        {
            // Left for the sweep at open.
        }
    }

    /// <summary>Reads a whole file that should be <paramref name="length"/> bytes long; <see langword="null"/> when it is not.</summary>
    private static byte[]? ReadExact(string path, long length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (RandomAccess.GetLength(handle) != length || length > Array.MaxLength)
        {
            return null;
        }

        var data = GC.AllocateUninitializedArray<byte>((int)length);
        var read = 0;
        while (read < data.Length)
        {
            var count = RandomAccess.Read(handle, data.AsSpan(read), read);
            if (count == 0)
            {
                return null;
            }

            read += count;
        }

        return data;
    }
}
