namespace IpfsKit.Content.Car;

/// <summary>
/// Which blocks below a root a CAR export holds: the trustless gateway's <c>dag-scope</c>
/// (https://specs.ipfs.tech/http-gateways/trustless-gateway/#dag-scope-request-query-parameter).
/// </summary>
public enum CarDagScope
{
    /// <summary>Every block reachable from the root (<c>dag-scope=all</c>).</summary>
    All = 0,

    /// <summary>
    /// The blocks needed to read the root's entity (<c>dag-scope=entity</c>): a whole UnixFS file, or the shards of a
    /// directory (its own block, or a HAMT's shard blocks) without the entries; any other block alone.
    /// </summary>
    Entity = 1,

    /// <summary>The root block only (<c>dag-scope=block</c>).</summary>
    Block = 2,
}
