using System.Buffers;
using IpfsKit.Errors;

namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>
/// Cuts a stream into fixed-size chunks (reading each one fully, like Kubo's size splitter) and turns them into leaves,
/// hashing up to <see cref="ImportOptions.MaxDegreeOfParallelism"/> of them at once while keeping their order.
/// The next chunk is read (copied out of the stream) on another thread while the previous ones are hashed, so the copy
/// costs no time when a core is free. Memory is bounded by the read-ahead window: (parallelism + 2) chunk buffers,
/// rented from <see cref="ArrayPool{T}.Shared"/> and returned once the leaf is hashed and stored.
/// </summary>
internal sealed class LeafSource : IAsyncDisposable
{
    private static readonly bool ReadAhead = Environment.ProcessorCount > 1; // on one core it would only add hand-offs
    private readonly Stream _stream;
    private readonly ImportOptions _options;
    private readonly BlockSink _sink;
    private readonly UnixFsType _leafType;
    private readonly Action<int> _onBytes;
    private readonly CancellationToken _cancellationToken;
    private readonly Queue<Task<DagLink>> _pending = new();
    private readonly int _window;
    private Task<Chunk>? _readAhead;
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
        if (_readAhead is { } ahead)
        {
            _readAhead = null;
            try
            {
                ArrayPool<byte>.Shared.Return((await ahead.ConfigureAwait(false)).Buffer);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IpfsKitException or IOException)
            {
                // Superseded by the failure that ended the import (the read-ahead is only pending after one).
            }
        }

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
            var ahead = _readAhead;
            _readAhead = null;
            var chunk = ahead is null ? await ReadChunkAsync().ConfigureAwait(false) : await ahead.ConfigureAwait(false);
            if (chunk.Length < _options.ChunkSize)
            {
                _endOfStream = true;
            }

            if (chunk.Length == 0)
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
                return;
            }

            if (!_endOfStream && ReadAhead)
            {
                // Copies the next chunk out of the stream while this one is hashed; reads stay one at a time, in order.
                _readAhead = Task.Run(ReadChunkAsync, _cancellationToken);
            }

            _onBytes(chunk.Length);
            _pending.Enqueue(_window == 1
                ? MakeLeafAsync(chunk.Buffer, chunk.Length, _leafType).AsTask()
                : Task.Run(() => MakeLeafAsync(chunk.Buffer, chunk.Length, _leafType).AsTask(), _cancellationToken));
        }
    }

    private async Task<Chunk> ReadChunkAsync()
    {
        var size = _options.ChunkSize;
        var buffer = ArrayPool<byte>.Shared.Rent(LeafEncoder.HeaderRoom + size + LeafEncoder.TrailerRoom);
        try
        {
            var read = await _stream.ReadAtLeastAsync(buffer.AsMemory(LeafEncoder.HeaderRoom, size), size, throwOnEndOfStream: false, _cancellationToken).ConfigureAwait(false);
            return new Chunk(buffer, read);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private async ValueTask<DagLink> MakeLeafAsync(byte[] buffer, int length, UnixFsType type)
    {
        try
        {
            if (_options.UsesRawLeaves)
            {
                var cid = await _sink.PutLentAsync(Multicodec.Raw, buffer.AsMemory(LeafEncoder.HeaderRoom, length), 1, _cancellationToken).ConfigureAwait(false);
                return new DagLink(cid, (ulong)length, (ulong)length);
            }

            var (start, blockLength) = LeafEncoder.Frame(buffer, length, type);
            var node = await _sink.PutLentAsync(Multicodec.DagPb, buffer.AsMemory(start, blockLength), _sink.CidVersion, _cancellationToken).ConfigureAwait(false);
            return new DagLink(node, (ulong)length, (ulong)blockLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A rented buffer holding <see cref="Length"/> bytes of the stream at offset <see cref="LeafEncoder.HeaderRoom"/>.</summary>
    private readonly record struct Chunk(byte[] Buffer, int Length);
}
