using IpfsKit.Errors;

namespace IpfsKit.Blocks;

/// <summary>Settings of a <see cref="DagWalker"/> walk.</summary>
public sealed record DagWalkOptions
{
    /// <summary>Gets the default settings: the whole DAG, every block required, identity blocks yielded.</summary>
    public static DagWalkOptions Default { get; } = new();

    /// <summary>Gets the settings of a direct pin: the root block alone.</summary>
    public static DagWalkOptions RootOnly { get; } = new() { MaxDepth = 0 };

    /// <summary>
    /// Gets how many link levels below a root are followed: 0 walks the roots alone (a direct pin), 1 adds their
    /// children, and so on. <value>The default value is <see langword="null"/>: recursive, every level.</value>
    /// </summary>
    public int? MaxDepth { get; init; }

    /// <summary>
    /// Gets whether a block the source does not hold is skipped with the subtree below it instead of failing the walk
    /// with <see cref="IpfsKitBlockNotFoundException"/>. <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool SkipMissing { get; init; }

    /// <summary>
    /// Gets whether blocks with an identity multihash are left out of the walk's output. They are never fetched either
    /// way (their bytes are inside the CID), and the links of an inline dag-pb node are still followed.
    /// <value>The default value is <see langword="false"/>: they are yielded, built from their CID.</value>
    /// </summary>
    public bool SkipIdentityBlocks { get; init; }
}
