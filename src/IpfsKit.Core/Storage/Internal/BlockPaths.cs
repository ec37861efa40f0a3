using IpfsKit.Content;
using IpfsKit.Content.Internal;
using IpfsKit.Errors;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// The file layout of the disk tier: <c>blocks/&lt;XY&gt;/&lt;name&gt;.data</c> and <c>.pin</c> markers, temp files in
/// <c>tmp/</c>. <c>name</c> is the CID's binary form in lower-case base32 without prefix or padding, and <c>XY</c> the
/// two characters before its last one (Kubo flatfs <c>next-to-last/2</c>). Paths come only from validated CIDs.
/// </summary>
internal sealed class BlockPaths
{
    public const string DataExtension = ".data";
    public const string PinExtension = ".pin";
    public const string TempExtension = ".tmp";

    public BlockPaths(string root)
    {
        Root = root;
        Blocks = Path.Combine(root, "blocks");
        Temp = Path.Combine(root, "tmp");
    }

    /// <summary>Gets the tier's folder (absolute).</summary>
    public string Root { get; }

    /// <summary>Gets the folder holding the fan-out folders.</summary>
    public string Blocks { get; }

    /// <summary>Gets the folder of temp files.</summary>
    public string Temp { get; }

    /// <summary>Gets a CID's file name stem.</summary>
    public static string NameOf(Cid cid)
    {
        if (cid.IsEmpty)
        {
            throw new ArgumentException("The CID is empty.", nameof(cid));
        }

        return Rfc4648.Encode(cid.AsSpan(), Rfc4648.Base32Lower, 5, pad: false);
    }

    /// <summary>Gets the fan-out folder name of a stem: the two characters before its last one.</summary>
    public static ReadOnlySpan<char> FanOut(ReadOnlySpan<char> name) => name[^3..^1];

    /// <summary>Reads a CID back from a file name stem; only the canonical name of a valid CID is accepted.</summary>
    public static bool TryParseName(ReadOnlySpan<char> name, out Cid cid)
    {
        cid = default;
        if (name.Length < 3)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && c is not (>= '2' and <= '7'))
            {
                return false;
            }
        }

        try
        {
            var bytes = Rfc4648.Decode(name, Rfc4648.Base32Lower, 5, caseInsensitive: false, "block file name");
            cid = Cid.FromBytes(bytes);
        }
        catch (IpfsKitFormatException)
        {
            return false;
        }

        // Trailing bits are checked by the decoder, so a decoded name re-encodes to itself; check anyway (one name per CID).
        return name.SequenceEqual(NameOf(cid));
    }

    /// <summary>Gets the fan-out folder of a CID's files.</summary>
    public string FolderOf(string name) => Path.Combine(Blocks, new string(FanOut(name)));

    /// <summary>Gets the data file of a CID.</summary>
    public string DataFile(Cid cid) => DataFileOf(NameOf(cid));

    /// <summary>Gets the data file of a stem.</summary>
    public string DataFileOf(string name) => Path.Combine(FolderOf(name), name + DataExtension);

    /// <summary>Gets the pin marker file of a stem.</summary>
    public string PinFileOf(string name) => Path.Combine(FolderOf(name), name + PinExtension);

    /// <summary>Gets a new unique temp file path.</summary>
    public string NewTempFile() => Path.Combine(Temp, Guid.NewGuid().ToString("N") + TempExtension);
}
