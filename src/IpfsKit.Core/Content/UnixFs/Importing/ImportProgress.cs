namespace IpfsKit.Content.UnixFs.Importing;

/// <summary>Progress of an import, reported after each chunk.</summary>
/// <param name="Path">The path of the file being imported (empty for a bare stream).</param>
/// <param name="FileBytes">Bytes of this file imported so far.</param>
/// <param name="TotalBytes">Bytes of all files of this import so far.</param>
public readonly record struct ImportProgress(string Path, long FileBytes, long TotalBytes);
