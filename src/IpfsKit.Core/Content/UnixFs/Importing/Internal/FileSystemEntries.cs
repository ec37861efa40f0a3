namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>Lists a directory on disk as import entries, the way <c>ipfs add -r</c> sees it (hidden names skipped unless asked, symbolic links kept as links).</summary>
internal static class FileSystemEntries
{
    public static IEnumerable<ImportEntry> Enumerate(string directory, bool includeHidden)
    {
        var top = new DirectoryInfo(directory);
        yield return ImportEntry.Directory(top.Name);
        var pending = new Stack<(DirectoryInfo Dir, string Prefix)>();
        pending.Push((top, top.Name));
        while (pending.Count > 0)
        {
            var (dir, prefix) = pending.Pop();
            foreach (var info in dir.EnumerateFileSystemInfos())
            {
                if (!includeHidden && info.Name.StartsWith('.'))
                {
                    continue;
                }

                var path = prefix + "/" + info.Name;
                if (info.LinkTarget is { } target)
                {
                    yield return ImportEntry.Symlink(path, target);
                }
                else if (info is DirectoryInfo sub)
                {
                    yield return ImportEntry.Directory(path);
                    pending.Push((sub, path));
                }
                else
                {
                    var file = info.FullName;
                    yield return ImportEntry.File(path, _ => ValueTask.FromResult<Stream>(new FileStream(
                        file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan)));
                }
            }
        }
    }
}
