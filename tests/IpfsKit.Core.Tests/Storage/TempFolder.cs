using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Tests.Storage;

/// <summary>A fresh folder under the system temp folder for one test, deleted (permissions restored first) at the end.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ipfskit-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Blocks => System.IO.Path.Combine(Path, "blocks");

    public string Temp => System.IO.Path.Combine(Path, "tmp");

    /// <summary>Gets the expected data file of a block: blocks/XY/name.data, name = base32 without the multibase prefix.</summary>
    public string DataFile(Cid cid)
    {
        var name = Multibase.EncodeWithoutPrefix(MultibaseEncoding.Base32, cid.ToBytes());
        return System.IO.Path.Combine(Blocks, name[^3..^1], name + ".data");
    }

    public string PinFile(Cid cid) => System.IO.Path.ChangeExtension(DataFile(cid), ".pin");

    public IEnumerable<string> DataFiles() =>
        Directory.Exists(Blocks) ? Directory.EnumerateFiles(Blocks, "*.data", SearchOption.AllDirectories) : [];

    public IEnumerable<string> TempFiles() => Directory.Exists(Temp) ? Directory.EnumerateFiles(Temp) : [];

    public static Block RandomBlock(Random random, int size)
    {
        var bytes = new byte[size];
        random.NextBytes(bytes);
        return Block.Create(bytes);
    }

    public void Dispose()
    {
        try
        {
            foreach (var dir in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories).Prepend(Path))
            {
                if (OperatingSystem.IsWindows())
                {
                    break;
                }

                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
