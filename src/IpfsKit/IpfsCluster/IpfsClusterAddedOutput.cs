using System.Text.Json.Serialization;
using IpfsKit.Content;

namespace IpfsKit.IpfsCluster;

/// <summary>
/// One line of <c>POST /add</c>'s answer: a node added, or progress. JSON shape: <c>AddedOutput</c> in ipfs-cluster
/// <c>api/add.go</c> (<c>{"name","cid","bytes","size","allocations"}</c>).
/// </summary>
public sealed record IpfsClusterAddedOutput
{
    /// <summary>Gets the file or directory name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the node's CID (<c>default</c> on a progress-only line).</summary>
    [JsonPropertyName("cid")]
    public Cid Cid { get; init; }

    /// <summary>Gets the bytes processed so far (progress lines).</summary>
    [JsonPropertyName("bytes")]
    public ulong Bytes { get; init; }

    /// <summary>Gets the size of the node.</summary>
    [JsonPropertyName("size")]
    public ulong Size { get; init; }

    /// <summary>Gets the cluster peers the content was allocated to.</summary>
    [JsonPropertyName("allocations")]
    public IReadOnlyList<string> Allocations { get; init => field = value ?? []; } = [];
}
