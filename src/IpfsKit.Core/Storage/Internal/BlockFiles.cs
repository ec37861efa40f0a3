using Microsoft.Win32.SafeHandles;

namespace IpfsKit.Storage.Internal;

/// <summary>The file operations of the disk tier: write a temp file, read a block file of known length, delete quietly.</summary>
internal static class BlockFiles
{
    /// <summary>The outcome of reading a block file.</summary>
    public enum ReadStatus
    {
        /// <summary>The file had the indexed length and was read whole.</summary>
        Read,

        /// <summary>The file is gone.</summary>
        Missing,

        /// <summary>The file is shorter or longer than indexed.</summary>
        WrongLength,
    }

    /// <summary>Writes <paramref name="data"/> to a new file, flushed to the device when <paramref name="fsync"/> is set.</summary>
    public static async Task WriteNewAsync(string path, ReadOnlyMemory<byte> data, bool fsync, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        };
        var stream = new FileStream(path, options);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: fsync);
        }
    }

    /// <summary>Reads a whole file that should be <paramref name="length"/> bytes long.</summary>
    public static async Task<(ReadStatus Status, byte[]? Data)> ReadExactAsync(string path, long length, CancellationToken cancellationToken)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return (ReadStatus.Missing, null);
        }

        using (handle)
        {
            if (RandomAccess.GetLength(handle) != length || length > Array.MaxLength)
            {
                return (ReadStatus.WrongLength, null);
            }

            var data = new byte[length];
            var read = 0;
            while (read < data.Length)
            {
                var count = await RandomAccess.ReadAsync(handle, data.AsMemory(read), read, cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    return (ReadStatus.WrongLength, null);
                }

                read += count;
            }

            return (ReadStatus.Read, data);
        }
    }

    /// <summary>Deletes a file that may be absent.</summary>
    /// <exception cref="IOException">The file exists and cannot be deleted.</exception>
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

    /// <summary>Deletes a temp file, ignoring failures: temp files are swept at the next open anyway.</summary>
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
}
