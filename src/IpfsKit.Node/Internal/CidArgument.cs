using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Node.Internal;

/// <summary>
/// CIDs and multihashes a client hands the host (query arguments, body lines, blocks it asks to be hashed), checked
/// at this boundary as Kubo checks them: an identity multihash carries at most <see cref="MaxIdentityDigestLength"/>
/// bytes.
/// </summary>
/// <remarks>
/// The limit is the host's, not <see cref="Cid"/>'s: the multihash format does not bound an identity digest, and the
/// library must still read such CIDs where others wrote them (a CAR, a remote node's listing). Kubo enforces its
/// <c>MaxIdentityDigestSize</c> where input enters too, not in its CID parser.
/// </remarks>
internal static class CidArgument
{
    /// <summary>The largest identity digest accepted from a client (Kubo's default <c>Import.MaxIdentityDigestSize</c>).</summary>
    public const int MaxIdentityDigestLength = 128;

    /// <summary>Parses a bare CID or <c>/ipfs/&lt;cid&gt;</c>; malformed → <see cref="ArgumentException"/>, over-long identity → <see cref="IpfsKitFormatException"/>.</summary>
    public static Cid Parse(string arg)
    {
        var path = ParsePath(arg);
        return path.Segments.Count == 0 ? path.Root : throw new ArgumentException($"invalid path {InputText.Quote(arg)}: not a CID");
    }

    /// <summary>Parses an IPFS path (<c>/ipfs/&lt;cid&gt;/a/b</c>, <c>&lt;cid&gt;/a/b</c>, a bare CID) with the library's <see cref="ContentPath"/>; malformed → <see cref="ArgumentException"/> naming the bad part.</summary>
    public static ContentPath ParsePath(string arg)
    {
        ContentPath path;
        try
        {
            path = ContentPath.Parse(arg);
        }
        catch (IpfsKitFormatException e)
        {
            throw new ArgumentException($"invalid path: {e.Reason}", e); // the reason quotes the input, cut short
        }

        CheckIdentity(path.Root.Hash.Code, path.Root.Hash.Digest.Length);
        return path;
    }

    /// <summary>Refuses an identity multihash of more than <see cref="MaxIdentityDigestLength"/> bytes.</summary>
    public static void CheckIdentity(Multicodec hashFunction, int digestLength)
    {
        if (hashFunction == Multicodec.Identity && digestLength > MaxIdentityDigestLength)
        {
            throw new IpfsKitFormatException("multihash", $"an identity digest of {digestLength} bytes is longer than the {MaxIdentityDigestLength} bytes accepted");
        }
    }
}
