using System.Text;
using IpfsKit.Errors;

namespace IpfsKit.Content.UnixFs.Reading.Internal;

/// <summary>Builds the exceptions of the UnixFS reader, so every failure has the same subject and names the CID at fault.</summary>
internal static class UnixFsErrors
{
    /// <summary>The <see cref="IpfsKitFormatException.Subject"/> of every UnixFS reader error.</summary>
    public const string Subject = "UnixFS";

    private const int MaxShownNameLength = 40;

    public static IpfsKitFormatException Format(string reason, long? offset = null, Exception? innerException = null) =>
        new(Subject, reason, offset, innerException);

    public static IpfsKitFormatException NotAFile(Cid cid, UnixFsNodeKind kind) =>
        Format($"{cid} is {Describe(kind)}, not a file");

    public static IpfsKitFormatException NotADirectory(Cid cid, UnixFsNodeKind kind) =>
        Format($"{cid} is {Describe(kind)}, not a directory");

    /// <summary>Names a kind in a message: "a directory", "a HAMT-sharded directory", …</summary>
    public static string Describe(UnixFsNodeKind kind) => kind switch
    {
        UnixFsNodeKind.File => "a file",
        UnixFsNodeKind.RawBlock => "a raw block (a file)",
        UnixFsNodeKind.Directory => "a directory",
        UnixFsNodeKind.ShardedDirectory => "a HAMT-sharded directory",
        UnixFsNodeKind.Symlink => "a symlink",
        UnixFsNodeKind.Metadata => "a UnixFS Metadata node",
        _ => $"a node of kind {kind}",
    };

    /// <summary>Shows an untrusted link name in a message: control characters escaped, long names cut.</summary>
    public static string Quote(string? name)
    {
        if (name is null)
        {
            return "(no name)";
        }

        var shown = new StringBuilder("'");
        foreach (var c in name.AsSpan(0, Math.Min(name.Length, MaxShownNameLength)))
        {
            if (char.IsControl(c) || c is '\'' or '\\')
            {
                shown.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.Append(name.Length > MaxShownNameLength ? "…'" : "'").ToString();
    }
}
