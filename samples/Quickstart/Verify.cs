using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Reading;

/// <summary>Reads an imported file or tree back and compares it byte for byte with the disk.</summary>
internal static class Verify
{
    public static async Task<int> RoundTripAsync(UnixFsReader reader, Cid cid, string path)
    {
        if (File.Exists(path))
        {
            await using var stream = await reader.OpenReadAsync(cid);
            await using var original = File.OpenRead(path);
            if (!await SameAsync(stream, original))
            {
                throw new InvalidOperationException($"{path}: the bytes read back differ from the file.");
            }

            return 1;
        }

        var count = 0;
        await foreach (var entry in reader.ListAsync(cid))
        {
            var child = Path.Combine(path, entry.Name);
            if (Directory.Exists(child) || File.Exists(child))
            {
                count += await RoundTripAsync(reader, entry.Cid, child);
            }
        }

        return count;
    }

    public static async Task<bool> SameAsync(Stream a, Stream b)
    {
        var x = new byte[81920];
        var y = new byte[81920];
        while (true)
        {
            var n = await a.ReadAtLeastAsync(x, x.Length, throwOnEndOfStream: false);
            var m = await b.ReadAtLeastAsync(y, y.Length, throwOnEndOfStream: false);
            if (n != m || !x.AsSpan(0, n).SequenceEqual(y.AsSpan(0, m)))
            {
                return false;
            }

            if (n == 0)
            {
                return true;
            }
        }
    }
}
