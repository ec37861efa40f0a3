namespace IpfsKit.Content.UnixFs.Importing;

/// <summary>Validation of the relative paths of <see cref="ImportEntry"/>.</summary>
internal static class ImportPath
{
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim('/');
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("An import path must name something.", nameof(path));
        }

        foreach (var segment in trimmed.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                throw new ArgumentException($"The import path '{path}' has an empty, '.' or '..' segment.", nameof(path));
            }
        }

        return trimmed;
    }
}
