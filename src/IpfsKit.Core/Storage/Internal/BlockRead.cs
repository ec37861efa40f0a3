using IpfsKit.Blocks;

namespace IpfsKit.Storage.Internal;

/// <summary>
/// What <see cref="BlockFiles.ReadVerified"/> found: the verified <see cref="Block"/>, or the <see cref="Reason"/>
/// the file cannot be served and whether it is damaged (<see cref="Corrupt"/>) rather than gone.
/// </summary>
internal readonly record struct BlockRead(Block? Block, string Path, string? Reason, bool Corrupt)
{
    public static BlockRead Bad(string path, string reason, bool corrupt) => new(null, path, reason, corrupt);
}
