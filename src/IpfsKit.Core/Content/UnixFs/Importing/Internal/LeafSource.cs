using System.Buffers;

namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>
/// Cuts a stream into fixed-size chunks (reading each one fully, like Kubo's size splitter) and turns them into leaves,
/// hashing up to <see cref="ImportOptions.MaxDegreeOfParallelism"/> of them at once while keeping their order.
/// Memory is bounded by the read-ahead window: (parallelism + 1) chunks.
/// </summary>
internal sealed class LeafSource : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly ImportOptions _options;
    private readonly BlockSink _sink;
    private readonly UnixFsType _leafType;
    private readonly Action<int> _onBytes;
    private readonly CancellationToken _cancellationToken;
    private readonly Queue<Task<DagLink>> _pending = new();
    private readonly int _window;
    private bool _endOfStream;

    public LeafSource(Stream stream, ImportOptions options, BlockSink sink, UnixFsType leafType, Action<int> onBytes, CancellationToken cancellationToken)
    {
        _stream = stream;
        _options = options;
        _sink = sink;
        _leafType = leafType;
        _onBytes = onBytes;
        _cancellationToken = cancellationToken;
        _window = options.MaxDegreeOfParallelism == 1 ? 1 : options.MaxDegreeOfParallelism + 1;
    }

    /// <summary>Tells whether every chunk has been handed out (reads ahead to find out).</summary>
    public async ValueTask<bool> IsDoneAsync()
    {
        await FillAsync(1).ConfigureAwait(false);
        return _pending.Count == 0;
    }

    /// <summary>Gets the next leaf, in stream order.</summary>
    public async ValueTask<DagLink> NextAsync()
    {
        await FillAsync(_window).ConfigureAwait(false);
        if (_pending.Count == 0)
        {
            throw new InvalidOperationException("No more chunks.");
        }

        return await _pending.Dequeue().ConfigureAwait(false);
    }

    /// <summary>The leaf of an empty file: an empty raw block, or a UnixFS node with no data.</summary>
    public ValueTask<DagLink> EmptyLeafAsync(UnixFsType type)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(LeafEncoder.HeaderRoom + LeafEncoder.TrailerRoom);
        return MakeLeafAsync(buffer, 0, type);
    }

    public async ValueTask DisposeAsync()
    {
        while (_pending.Count > 0)
        {
            try
            {
                await _pending.Dequeue().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IpfsKitException or IOException)
            {
                // Already surfaced (or superseded) by the failure that ended the import.
            }
        }
    }

    private async ValueTask FillAsync(int target)
    {
        while (!_endOfStream && _pending.Count < target)
        {
            var size = _options.ChunkSize;
            var buffer = ArrayPool<byte>.Shared.Rent(LeafEncoder.HeaderRoom + size + LeafEncoder.TrailerRoom);
            int read;
            try
            {
                read = await _stream.ReadAtLeastAsync(buffer.AsMemory(LeafEncoder.HeaderRoom, size), size, throwOnEndOfStream: false, _cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }

            if (read < size)
            {
                _endOfStream = true;
            }

            if (read == 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return;
            }

            _onBytes(read);
            _pending.Enqueue(_window == 1
                ? MakeLeafAsync(buffer, read, _leafType).AsTask()
                : Task.Run(() => MakeLeafAsync(buffer, read, _leafType).AsTask(), _cancellationToken));
        }
    }

    private async ValueTask<DagLink> MakeLeafAsync(byte[] buffer, int length, UnixFsType type)
    {
        try
        {
            if (_options.UsesRawLeaves)
            {
                var cid = await _sink.PutAsync(Multicodec.Raw, buffer.AsMemory(LeafEncoder.HeaderRoom, length), 1, _cancellationToken).ConfigureAwait(false);
                return new DagLink(cid, (ulong)length, (ulong)length);
            }

            var (start, blockLength) = LeafEncoder.Frame(buffer, length, type);
            var node = await _sink.PutAsync(Multicodec.DagPb, buffer.AsMemory(start, blockLength), _sink.CidVersion, _cancellationToken).ConfigureAwait(false);
            return new DagLink(node, (ulong)length, (ulong)blockLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
