namespace IpfsKit.Content.UnixFs.Importing;

/// <summary>How the importer estimates a directory's size to decide when to shard it into a HAMT.</summary>
public enum HamtSizeEstimation
{
    /// <summary>Kubo's classic estimate: the sum over entries of name length plus CID length (profile unixfs-v0-2015).</summary>
    Links = 0,

    /// <summary>The size of the encoded directory block (profile unixfs-v1-2025, and js-ipfs).</summary>
    Block = 1,
}
