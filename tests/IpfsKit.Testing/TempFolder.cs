namespace IpfsKit.Testing;

/// <summary>
/// A fresh folder under the system temp folder for one test, deleted with everything in it on disposal (permissions
/// restored first, so a test that made a folder read-only still cleans up; a leftover never fails a test).
/// </summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates <c>&lt;temp&gt;/&lt;prefix&gt;&lt;random&gt;</c>.</summary>
    /// <param name="prefix">The start of the folder's name, telling which tests left it should one remain.</param>
    public TempFolder(string prefix = "ipfskit-")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>Gets the folder's full path.</summary>
    public string Path { get; }

    /// <summary>Deletes the folder and its content.</summary>
    public void Dispose()
    {
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                foreach (var dir in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories).Prepend(Path))
                {
                    File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
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
