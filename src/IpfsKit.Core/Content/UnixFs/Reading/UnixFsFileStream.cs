using IpfsKit.Blocks;

namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>
/// A UnixFS file as a seekable, read-only stream. A read descends from the root using the blocksizes, so a seek skips
/// whole subtrees without fetching them; the path of nodes of the last read is kept, so sequential reading fetches every
/// block once. Every size is checked against its parent's record: a DAG that disagrees with itself fails with
/// <see cref="IpfsKitFormatException"/> instead of returning wrong bytes.
/// </summary>
/// <remarks>
/// Not thread-safe (like any stream). Prefer the asynchronous methods; the synchronous ones block on them.
/// </remarks>
public sealed class UnixFsFileStream : Stream
{
    private readonly IBlockSource _source;
    private readonly List<Frame> _path = [];
    private long _position;

    internal UnixFsFileStream(IBlockSource source, UnixFsNode root)
    {
        _source = source;
        Length = checked((long)root.ContentSize);
        _path.Add(new Frame(root, 0));
    }

    /// <summary>Gets the CID of the file.</summary>
    public Cid Cid => _path[0].Node.Cid;

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => true;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length { get; }

    /// <inheritdoc/>
    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The position cannot be negative.");
    }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (total < buffer.Length && _position < Length)
        {
            var (leaf, start) = await FindAsync(_position, cancellationToken).ConfigureAwait(false);
            var offset = (int)(_position - start);
            var count = Math.Min(leaf.Length - offset, buffer.Length - total);
            leaf.Span.Slice(offset, count).CopyTo(buffer.Span[total..]);
            total += count;
            _position += count;
        }

        return total;
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        var rented = new byte[buffer.Length];
        var read = Read(rented, 0, rented.Length);
        rented.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException("A UnixFS file stream is read-only.");

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A UnixFS file stream is read-only.");

    /// <summary>Finds the bytes held directly by a node that contain <paramref name="position"/>, and where they start.</summary>
    private async ValueTask<(ReadOnlyMemory<byte> Bytes, long Start)> FindAsync(long position, CancellationToken cancellationToken)
    {
        // Climb back up the cached path to the deepest node that still covers the position.
        while (_path.Count > 1 && !_path[^1].Covers(position))
        {
            _path.RemoveAt(_path.Count - 1);
        }

        while (true)
        {
            var frame = _path[^1];
            var inline = frame.Node.InlineData;
            var local = position - frame.Start;
            if (local < inline.Length)
            {
                return (inline, frame.Start);
            }

            var (child, childStart, expected) = Locate(frame, local - inline.Length);
            var node = await UnixFsNode.LoadAsync(_source, child, cancellationToken).ConfigureAwait(false);
            if (node.Kind != UnixFsNodeKind.File)
            {
                throw new IpfsKitFormatException("UnixFS", $"file {frame.Node.Cid} links to {child}, which is a {node.Kind}, not file data");
            }

            if (node.ContentSize != expected)
            {
                throw new IpfsKitFormatException("UnixFS", $"{child} holds {node.ContentSize} bytes but its parent {frame.Node.Cid} records {expected}");
            }

            _path.Add(new Frame(node, childStart));
        }
    }

    private static (Cid Child, long Start, ulong Size) Locate(Frame frame, long offsetInChildren)
    {
        var sizes = frame.Node.UnixFs?.BlockSizes ?? [];
        long start = frame.Start + frame.Node.InlineData.Length;
        for (var i = 0; i < sizes.Count; i++)
        {
            var size = (long)sizes[i];
            if (offsetInChildren < size)
            {
                return (frame.Node.Links[i].Hash, start, sizes[i]);
            }

            offsetInChildren -= size;
            start += size;
        }

        throw new IpfsKitFormatException("UnixFS", $"{frame.Node.Cid} ends before the offset its filesize promises");
    }

    private readonly record struct Frame(UnixFsNode Node, long Start)
    {
        public bool Covers(long position) => position >= Start && position < Start + (long)Node.ContentSize;
    }
}
