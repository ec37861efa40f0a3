namespace IpfsKit.Content.UnixFs;

/// <summary>
/// The UnixFS <c>Data</c> message carried in the Data field of a dag-pb node:
/// Type = 1, Data = 2, filesize = 3, blocksizes = 4 (repeated), hashType = 5, fanout = 6, mode = 7, mtime = 8.
/// </summary>
/// <remarks>Immutable. Use <see cref="UnixFsCodec"/> to encode and decode.</remarks>
public sealed record UnixFsData
{
    /// <summary>Gets the node type (required).</summary>
    public required UnixFsType Type { get; init; }

    /// <summary>Gets the inline bytes: file data, a symlink target, or a HAMT bitfield; <see langword="null"/> when absent.</summary>
    public ReadOnlyMemory<byte>? Data { get; init; }

    /// <summary>Gets the file size in bytes (files and raw nodes), or <see langword="null"/>.</summary>
    public ulong? FileSize { get; init; }

    /// <summary>Gets the content size of each child link, in link order (files).</summary>
    public IReadOnlyList<ulong> BlockSizes { get; init; } = [];

    /// <summary>Gets the hash function of a HAMT shard (0x22, murmur3-x64-64), or <see langword="null"/>.</summary>
    public ulong? HashType { get; init; }

    /// <summary>Gets the fanout of a HAMT shard (a power of two), or <see langword="null"/>.</summary>
    public ulong? Fanout { get; init; }

    /// <summary>Gets the POSIX mode bits, or <see langword="null"/>.</summary>
    public uint? Mode { get; init; }

    /// <summary>Gets the modification time, or <see langword="null"/>.</summary>
    public UnixFsTime? Mtime { get; init; }

    /// <inheritdoc/>
    public bool Equals(UnixFsData? other) =>
        other is not null
        && Type == other.Type
        && Data.HasValue == other.Data.HasValue
        && (!Data.HasValue || Data.Value.Span.SequenceEqual(other.Data!.Value.Span))
        && FileSize == other.FileSize
        && BlockSizes.SequenceEqual(other.BlockSizes)
        && HashType == other.HashType
        && Fanout == other.Fanout
        && Mode == other.Mode
        && Mtime == other.Mtime;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, FileSize, BlockSizes.Count, Data?.Length ?? -1);
}
