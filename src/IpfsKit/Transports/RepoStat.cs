namespace IpfsKit.Transports;

/// <summary>The size of a node's repository.</summary>
/// <param name="RepoSize">The bytes used.</param>
/// <param name="StorageMax">The most bytes it may use.</param>
/// <param name="NumObjects">The number of blocks held.</param>
public readonly record struct RepoStat(long RepoSize, long StorageMax, long NumObjects)
{
    /// <summary>Gets the bytes still free within <see cref="StorageMax"/> (never negative).</summary>
    public long FreeBytes => Math.Max(0, StorageMax - RepoSize);
}
