using System.Globalization;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Node.Internal;

/// <summary>Reads Kubo's query arguments; a malformed one throws <see cref="ArgumentException"/> (answered 400).</summary>
internal static class KuboQuery
{
    public static bool Flag(HttpRequest request, string name, bool fallback)
    {
        var text = request.Query[name].ToString();
        return text.Length == 0 ? fallback : bool.TryParse(text, out var value) ? value : throw new ArgumentException($"{name}: {InputText.Quote(text)} is not true or false");
    }

    public static long? Number(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        return text.Length == 0 ? null
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ArgumentException($"{name}: {InputText.Quote(text)} is not a non-negative integer");
    }

    /// <summary>Kubo's add arguments: cid-version, raw-leaves, chunker (size-N), trickle; defaults are Kubo's.</summary>
    public static ImportOptions ImportOptions(HttpRequest request)
    {
        var options = Content.UnixFs.Importing.ImportOptions.UnixFsV0Of2015;
        if (Number(request, "cid-version") is { } version)
        {
            options = version is 0 or 1 ? options with { CidVersion = (int)version } : throw new ArgumentException($"cid-version: {version} is not 0 or 1");
        }

        if (request.Query.ContainsKey("raw-leaves"))
        {
            options = options with { RawLeaves = Flag(request, "raw-leaves", false) };
        }

        var chunker = request.Query["chunker"].ToString();
        if (chunker.Length > 0)
        {
            options = chunker.StartsWith("size-", StringComparison.Ordinal)
                && int.TryParse(chunker.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is > 0 and <= Content.UnixFs.Importing.ImportOptions.MaxChunkSize
                ? options with { ChunkSize = size }
                : throw new ArgumentException($"chunker: {InputText.Quote(chunker)} is not supported (size-N, N up to 1048576)");
        }

        return Flag(request, "trickle", false) ? options with { Layout = DagLayout.Trickle } : options;
    }
}
