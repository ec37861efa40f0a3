using IpfsKit.Content;

namespace IpfsKit.Storage;

/// <summary>Describes a stored block that a tier found damaged or missing on read and dropped instead of serving it.</summary>
/// <param name="cid">The block's CID.</param>
/// <param name="path">The file that held it.</param>
/// <param name="reason">What was wrong, in words.</param>
public sealed class DiscardedBlockEventArgs(Cid cid, string path, string reason) : EventArgs
{
    /// <summary>Gets the CID of the discarded block.</summary>
    public Cid Cid { get; } = cid;

    /// <summary>Gets the file that held the block.</summary>
    public string Path { get; } = path;

    /// <summary>Gets what was wrong: the bytes do not hash to the CID, the file is shorter or longer than written, or it is gone.</summary>
    public string Reason { get; } = reason;
}
